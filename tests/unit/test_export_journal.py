"""The whole journal out and back: `export --format json` then `import json` is lossless."""

import os
from pathlib import Path

import orjson
import pytest

from journal.errors import ImportFileError, ValidationError
from journal.export.whole import dump_store, render
from journal.importers.json_doc import import_bytes
from journal.periods import parse_period
from journal.store.journal_store import JournalStore


@pytest.fixture
def full(goals_store: JournalStore) -> JournalStore:
    s = goals_store
    s.entries.add(
        "feedback",
        "Lead with the problem.\nSaid after [the] review \x1b[31m.",
        when="2026-03-04 17:40",
        source="Priya",
        sentiment="constructive",
        goals=["revenue"],
        tags=["design"],
    )
    gone = s.entries.add("note", "Deleted later")
    win = s.entries.add(
        "win", "Closed Acme ✓", when="2025-11-02", goals=["enterprise", "influence"], starred=True
    )
    s.skills.add(
        "Influencing",
        code="influencing",
        why=[win["id"]],
        level=2,
        target_level=4,
        plan="mentoring",
    )
    s.entries.delete(gone["id"])
    s.goals.update("latency", status="done", due="2026-06-30")
    s.reviews.save(
        {
            "title": "H1",
            "period": {"start": "2026-01-01", "end": "2026-06-30"},
            "goals": {},
            "status": "draft",
        }
    )
    return s


def tables(store: JournalStore) -> dict:
    return {
        t: sorted(store.tables.raw(t).values(), key=lambda r: r["id"])
        for t in ("entries", "goals", "skills", "reviews")
    }


def test_json_round_trip_into_an_empty_journal(full: JournalStore, tmp_path: Path) -> None:
    data = render(dump_store(full), "json")
    target = JournalStore(tmp_path / "new" / "journal.json")
    summary = import_bytes(target, data, "export.json")
    assert summary.imported == 2
    assert tables(JournalStore(target.path)) == tables(full)
    # the counters moved past every id, the deleted one too: no id is handed out twice
    assert (
        target.entries.add("note", "next")["id"] == full.entries.add("note", "next")["id"] == "e4"
    )
    assert target.goals.add("Another")["id"] == "g5"


def test_import_refuses_a_journal_that_is_not_empty(full: JournalStore) -> None:
    data = render(dump_store(full), "json")
    before = full.path.read_bytes()
    with pytest.raises(ValidationError, match="not empty"):
        import_bytes(full, data, "export.json")
    assert full.path.read_bytes() == before


def test_import_checks_the_whole_file_first(full: JournalStore, tmp_path: Path) -> None:
    doc = orjson.loads(render(dump_store(full), "json"))
    doc["entries"][0]["goals"] = ["g99"]
    doc["entries"][1]["kind"] = "memo"
    target = JournalStore(tmp_path / "new.json")
    with pytest.raises(ImportFileError) as err:
        import_bytes(target, orjson.dumps(doc), "bad.json")
    assert "g99" in str(err.value) and "memo" in str(err.value)
    assert not target.path.exists()
    with pytest.raises(ImportFileError, match="not a journal export"):
        import_bytes(target, b'[{"date": "2026-01-01"}]', "jrnl.json")


def test_import_refuses_what_doctor_would_call_damaged(full: JournalStore, tmp_path: Path) -> None:
    from journal.doctor.checks import check

    good = orjson.loads(render(dump_store(full), "json"))
    breaks = {
        "an unreadable when": lambda d: d["entries"][0].update(when="soon"),
        "an unreadable due date": lambda d: d["goals"][0].update(due="nope"),
        "a parent cycle": lambda d: (
            d["goals"][0].update(parent=d["goals"][1]["id"]),
            d["goals"][1].update(parent=d["goals"][0]["id"]),
        ),
        "an absurd counter": lambda d: d["next"].update(entries=2**64 - 1),
        "a skill level of 9": lambda d: d["skills"][0].update(level=9),
    }
    for what, change in breaks.items():
        doc = orjson.loads(orjson.dumps(good))
        change(doc)
        target = JournalStore(tmp_path / what / "journal.json")
        with pytest.raises(ImportFileError):
            import_bytes(target, orjson.dumps(doc), "bad.json")
        assert not target.path.exists(), what
    # the clean export imports, and doctor calls the result healthy
    target = JournalStore(tmp_path / "fine" / "journal.json")
    import_bytes(target, orjson.dumps(good), "good.json")
    assert check(target.path).healthy, check(target.path).problems


def test_period_export_keeps_only_its_entries(full: JournalStore) -> None:
    dump = dump_store(full, parse_period("2026"))
    assert [e["title"] for e in dump.entries] == ["Lead with the problem."]
    assert len(dump.goals) == 4


def test_reading_formats_hold_every_field_safely(full: JournalStore) -> None:
    for fmt in ("md", "txt"):
        text = render(dump_store(full), fmt).decode()
        for piece in (
            "Priya",
            "constructive",
            "revenue",
            "influencing",
            "design",
            "Acme ✓",
            "Said after",
            "mentoring",
            "starred",
        ):
            assert piece in text, (fmt, piece)
        assert "\x1b" not in text
    md = render(dump_store(full), "md").decode()
    assert "\\[the\\]" not in md  # a body is the user's own Markdown, kept as written
    assert "### 2025-11-02 12:00 · win · Closed Acme ✓" in md


def test_an_export_never_replaces_the_journal_or_its_own_files(tmp_path: Path) -> None:
    from journal.export.outfile import JournalTargetError, journal_file, write_private

    journal = tmp_path / "journal.json"
    journal.write_text("{}")
    (tmp_path / "link.md").symlink_to(journal)
    os.link(journal, tmp_path / "hard.md")
    for name in (
        "journal.json",
        "link.md",
        "hard.md",
        "journal.json.lock",
        "journal.json.backups/x.bak",
        "journal.json.edit/e1.md",
        "journal.json-draft",
        ".journal.json.abc.tmp",
        "sub/../journal.json",
    ):
        assert journal_file(tmp_path / name, journal), name
        with pytest.raises(JournalTargetError):
            write_private(tmp_path / name, "x", overwrite=True, journal=journal)
    assert journal.read_text() == "{}"
    assert journal_file(tmp_path / "journal.json.md", journal) is None
    assert write_private(tmp_path / "export.md", "x", journal=journal).read_text() == "x"

"""Importing a jrnl JSON export: every field exactly, once, or nothing at all."""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journal.errors import ImportFileError
from journal.importers.common import TerminalProgress, import_path
from journal.importers.jrnl import import_bytes, parse, skill_name
from journal.store.journal_store import JournalStore

SAMPLE = Path(__file__).parents[1] / "data" / "sample.jrnl.json"  # a real jrnl export


def export(*entries: dict[str, Any], tags: dict[str, int] | None = None) -> bytes:
    doc: dict[str, Any] = {"entries": list(entries)}
    if tags is not None:
        doc["tags"] = tags
    return json.dumps(doc, ensure_ascii=False).encode()


def entry(
    title: str = "Did a thing.",
    body: str = "",
    date: str = "2026-02-03",
    time_: str = "11:02",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "title": title,
        "body": body,
        "date": date,
        "time": time_,
        "tags": [],
        "starred": False,
        **extra,
    }


def by_when(store: JournalStore) -> list[dict[str, Any]]:
    return sorted(store.entries.all(), key=lambda e: (e["when"], e["id"]))


def test_sample_every_field_matches_the_source(store: JournalStore) -> None:
    source = json.loads(SAMPLE.read_text(encoding="utf-8"))["entries"]
    summary = import_path(store, SAMPLE)
    assert (summary.imported, summary.skipped) == (len(source), 0)
    imported = sorted(store.entries.all(), key=lambda e: int(e["id"][1:]))
    assert len(imported) == len(source) == 10
    kinds = {"feedback", "reflection", "win"}
    for src, got in zip(source, imported, strict=True):
        assert got["title"] == src["title"]
        assert got["body"] == src["body"]
        assert got["when"][:16] == f"{src['date']}T{src['time']}"
        assert got["starred"] is src["starred"]
        assert got["tags"] == [t.lstrip("@").lower() for t in src["tags"]]
        expected_kind = next(
            (k for k in ("feedback", "reflection", "win") if k in got["tags"]), "note"
        )
        assert got["kind"] == expected_kind
        assert got["origin"]["source"] == "jrnl" and len(got["origin"]["key"]) == 64
        assert got["goals"] == []
        # an entry tagged `skill` started a skill, and is linked to it both ways
        assert got["skills"] == (["s1"] if "skill" in got["tags"] else [])
        if not kinds & set(got["tags"]):
            assert got["kind"] == "note"
    assert [e["kind"] for e in imported].count("feedback") == 3
    assert "🎯" in imported[8]["body"] and "Café" in imported[8]["body"]
    [skill] = store.skills.all()
    assert skill["name"] == "Presenting to senior leadership"
    assert skill["why"] == [imported[6]["id"]]
    assert "skill" in imported[6]["tags"]


def test_reimport_adds_nothing_and_writes_nothing(store: JournalStore) -> None:
    import_path(store, SAMPLE)
    before = store.path.read_bytes()
    again = import_path(store, SAMPLE)
    assert (again.imported, again.skipped) == (0, 10)
    assert again.headline() == "0 imported, 10 skipped (already imported)"
    assert store.path.read_bytes() == before
    assert len(store.skills.all()) == 1


def test_a_later_export_adds_only_the_new_entries(store: JournalStore) -> None:
    first = export(entry("One."), entry("Two.", date="2026-02-04"))
    import_bytes(store, first, "x.json")
    later = export(entry("One."), entry("Two.", date="2026-02-04"), entry("Three.", "new"))
    summary = import_bytes(store, later, "x.json")
    assert (summary.imported, summary.skipped) == (1, 2)
    assert sorted(e["title"] for e in store.entries.all()) == ["One.", "Three.", "Two."]


def test_dry_run_writes_nothing_but_reports_the_same(store: JournalStore) -> None:
    dry = import_path(store, SAMPLE, dry_run=True)
    assert not store.path.exists()
    assert (dry.imported, dry.skipped) == (10, 0)
    assert dry.headline().startswith("Dry run: 10 would be imported")
    assert any("Kickoff 1:1" in line for line in dry.details)
    real = import_path(store, SAMPLE)
    assert real.details[0] == dry.details[0]
    assert dry.details[1].replace("would be started", "started") == real.details[1]
    before = store.path.read_bytes()
    import_path(store, SAMPLE, dry_run=True)
    assert store.path.read_bytes() == before
    assert len(store.entries.all()) == 10


def test_import_into_a_journal_with_entries_goals_and_skills(goals_store: JournalStore) -> None:
    store = goals_store
    mine = store.entries.add("win", "Closed Acme. Big one.", goals=["revenue"], starred=True)
    store.skills.add("Presenting to senior leadership", code="presenting")
    goals_before = store.goals.all()
    import_path(store, SAMPLE)
    assert store.entries.get(mine["id"]) == mine
    assert store.goals.all() == goals_before
    assert len(store.entries.all()) == 11
    assert {e["id"] for e in store.entries.all()} >= {"e2", "e11"}
    [skill] = store.skills.all()  # the existing skill of that name gets the entry, no duplicate
    assert skill["code"] == "presenting" and len(skill["why"]) == 1


def test_unicode_empty_and_huge_bodies_are_kept_exactly(store: JournalStore) -> None:
    huge = ("Zeile mit Umlauten äöü, 日本語, emoji 👩🏽‍💻, RTL שלום, [bold]x[/] \t\r\n" * 20000)[
        :1_000_000
    ]
    odd = "  leading spaces, trailing newline\n\n"
    raw = export(
        entry("Ünïcödé title — “quoted” 🎯 @tag", huge, tags=["@Tag"]),
        entry("No body at all.", "", date="2026-02-04"),
        entry("Spaces kept.  ", odd, date="2026-02-05"),
    )
    import_bytes(store, raw, "u.json")
    reopened = JournalStore(store.path)
    got = by_when(reopened)
    assert got[0]["title"] == "Ünïcödé title — “quoted” 🎯 @tag"
    assert got[0]["body"] == huge and len(got[0]["body"]) == 1_000_000
    assert got[0]["tags"] == ["tag"]
    assert got[1]["body"] == ""
    assert (got[2]["title"], got[2]["body"]) == ("Spaces kept.  ", odd)


def test_tags_absent_come_from_the_text_with_the_exports_symbols(store: JournalStore) -> None:
    old = {
        "title": "Shipped it. #Win @not-a-tag",
        "body": "with #Team-A and #c++, not a#b",
        "date": "2026-02-03",
        "time": "11:02",
    }
    import_bytes(store, export(old, tags={"#win": 1, "#team-a": 1}), "old.json")
    [got] = store.entries.all()
    assert got["tags"] == ["win", "team-a", "c++"]
    assert got["kind"] == "win" and got["starred"] is False


def test_kind_priority_and_feedback_sentiment(store: JournalStore) -> None:
    raw = export(
        entry("A.", tags=["@win", "@feedback", "@praise"]),
        entry("B.", tags=["@Reflection", "@WIN"], date="2026-02-04"),
        entry("C.", tags=["@feedback", "@praise", "@constructive"], date="2026-02-05"),
        entry("D.", tags=["@notes"], date="2026-02-06"),
    )
    import_bytes(store, raw, "k.json")
    got = [(e["kind"], e["sentiment"]) for e in by_when(store)]
    assert got == [
        ("feedback", "praise"),
        ("reflection", None),
        ("feedback", "mixed"),
        ("note", None),
    ]


def test_identical_entries_are_all_kept_and_skipped_together(store: JournalStore) -> None:
    raw = export(entry("Same."), entry("Same."), entry("Same."))
    assert import_bytes(store, raw, "d.json").imported == 3
    assert import_bytes(store, raw, "d.json").skipped == 3
    assert len({e["origin"]["key"] for e in store.entries.all()}) == 3


def test_skills_group_by_name_and_names_are_trimmed(store: JournalStore) -> None:
    raw = export(
        entry("Skill to develop: saying no. @skill", tags=["@skill"]),
        entry(
            "skill to develop - Saying no! @skill @focus",
            tags=["@skill", "@focus"],
            date="2026-02-04",
        ),
        entry("@skill", "", tags=["@skill"], date="2026-02-05"),
    )
    import_bytes(store, raw, "s.json")
    skills = sorted(store.skills.all(), key=lambda s: s["name"])
    assert [(s["name"], len(s["why"])) for s in skills] == [
        ("Saying no", 2),
        ("Skill from 2026-02-05", 1),
    ]


@pytest.mark.parametrize(
    ("title", "tags", "name"),
    [
        (
            "Skill to develop: presenting to senior leadership. @skill @presenting",
            ["skill", "presenting"],
            "Presenting to senior leadership",
        ),
        ("Skill: SQL window functions @skill", ["skill"], "SQL window functions"),
        ("Get better at @estimates. @skill", ["skill"], "Get better at"),
        ("Learn C++ @skill", ["skill"], "Learn C++"),
        ("Email me@example.com about it @skill", ["skill"], "Email me@example.com about it"),
    ],
)
def test_skill_name(title: str, tags: list[str], name: str) -> None:
    assert skill_name(title, [*tags, "estimates"], "2026-01-01") == name


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "not JSON"),
        (b"hello", "not JSON"),
        (b"[2026-01-12 09:15] Kickoff. @goals\nBody\n", "looks like a jrnl journal file"),
        (b"\xff\xfe{}", "not JSON"),
        (b"[]", 'an "entries" list'),
        (b'{"entries": {}}', 'an "entries" list'),
        (b'{"_default": {}, "meta": {"1": {"schema": 1}}}', 'an "entries" list'),
        (export("just text"), "entry 1 of 1: expected an object, found text"),  # type: ignore[arg-type]
        (
            export({"title": "x", "body": "", "time": "10:00"}),
            "entry 1 of 1 (10:00 'x'): missing \"date\"",
        ),
        (export(entry(time_="25:00")), "not a real date and time"),
        (export(entry(date="2026-02-30")), "not a real date and time"),
        (export(entry(date="12/01/2026")), 'date "12/01/2026" is not YYYY-MM-DD'),
        (export(entry(time_="9am")), 'time "9am" is not HH:MM'),
        (export(entry(body=None)), '"body" should be text, found null'),
        (export(entry(starred="yes")), '"starred" should be true or false'),
        (export(entry(tags="@a @b")), '"tags" should be a list of text'),
        (export(entry(title="   ")), "empty"),
        (export(entry(body="nul \x00 byte")), "NUL"),
        (export(entry(tags=["@two words"])), "must be one word"),
    ],
)
def test_not_a_jrnl_export_is_refused_and_nothing_written(
    goals_store: JournalStore, raw: bytes, message: str
) -> None:
    before = goals_store.path.read_bytes()
    with pytest.raises(ImportFileError) as err:
        import_bytes(goals_store, raw, "bad.json")
    assert message in str(err.value)
    assert "bad.json" in str(err.value)
    assert goals_store.path.read_bytes() == before


def test_every_bad_entry_is_named_with_its_index(store: JournalStore) -> None:
    raw = export(entry(), entry(date="2026-13-01"), entry(), entry(time_="x"), entry(title=""))
    with pytest.raises(ImportFileError) as err:
        import_bytes(store, raw, "bad.json")
    text = str(err.value)
    assert "entry 2 of 5" in text and "entry 4 of 5" in text and "entry 5 of 5" in text
    assert "entry 1 " not in text and "entry 3 " not in text
    assert not store.path.exists()


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path, store: JournalStore) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        import_path(store, tmp_path / "nope.json")
    with pytest.raises(ImportFileError, match="is a folder"):
        import_path(store, tmp_path)


@pytest.fixture
def berlin() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_local_time_keeps_the_clock_even_across_dst(store: JournalStore, berlin: None) -> None:
    raw = export(
        entry(date="2026-01-12", time_="09:15"),
        entry(date="2026-07-01", time_="18:05"),
        entry(date="2026-03-29", time_="02:30"),
    )  # 02:30 does not exist that night
    import_bytes(store, raw, "tz.json")
    assert [e["when"] for e in by_when(store)] == [
        "2026-01-12T09:15:00+01:00",
        "2026-03-29T02:30:00+01:00",
        "2026-07-01T18:05:00+02:00",
    ]


def test_progress_is_reported_and_terminal_progress_only_on_a_tty() -> None:
    seen: list[tuple[str, int, int]] = []
    raw = export(*(entry(f"E{i}.") for i in range(2500)))
    parse(raw, "p.json", lambda what, done, total: seen.append((what, done, total)))
    assert seen == [("checking entries", 1000, 2500), ("checking entries", 2000, 2500)]

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, loud = io.StringIO(), Tty()
    for stream in (quiet, loud):
        bar = TerminalProgress(stream, minimum=10)
        bar("checking entries", 5, 20)
        bar.finish()
    assert quiet.getvalue() == ""
    assert "checking entries 5/20  25%" in loud.getvalue()
    assert loud.getvalue().endswith("\r\x1b[K")

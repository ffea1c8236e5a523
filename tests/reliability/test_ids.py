"""Issue 10, item 1 (and 13's `x1`): an id is never reused and an add never overwrites.

Ids come from max(meta counter, highest id present + 1), on the full-parse path and on
the append path (`journal add` on a journal in our two-line layout, where the entries are
not parsed: there the highest id is kept in meta beside the entries' CRC). Restoring a
deleted entry raises the counter; `doctor` flags a counter at or below the highest id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from journal.doctor.checks import check
from journal.storage import layout
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli


def titles(db: Path) -> dict[str, str]:
    doc = orjson.loads(db.read_bytes())
    return {r["id"]: r["title"] for r in doc["entries"].values()}


def set_counter(db: Path, table: str, value: int | None) -> None:
    """Change meta's id counter as a hand edit of line 1 would (the CRC stays valid)."""
    doc = orjson.loads(db.read_bytes())
    counters = doc["meta"]["1"]["next"]
    if value is None:
        counters.pop(table, None)
    else:
        counters[table] = value
    db.write_bytes(b"".join(layout.compose(doc)))


def test_the_reported_sequence_keeps_precious(db: Path) -> None:
    """Three adds; the app adds and deletes e4; a restore rolls the counter back; undo
    brings e4 back; three more adds must not overwrite it."""
    for n in range(3):
        assert cli(db, "add", "note", f"note {n}").returncode == 0
    app = JournalStore(db)
    precious = app.entries.add("note", "precious")
    assert precious["id"] == "e4"
    app.entries.delete("e4")
    result = cli(db, "doctor", "--restore", "1")
    assert result.returncode == 0, result.stderr
    app.refresh()
    app.entries.restore(precious)
    app.close()
    said = [cli(db, "add", "note", f"later {n}").stdout.decode() for n in range(3)]
    assert "e4 added" not in "".join(said), said
    kept = titles(db)
    assert kept["e4"] == "precious"
    assert sum(t.startswith("later") for t in kept.values()) == 3
    assert len(kept) == len(set(kept)) == len(orjson.loads(db.read_bytes())["entries"])
    assert check(db).healthy


@pytest.mark.parametrize("path", ["append", "append-without-top", "full"])
def test_a_stale_counter_never_overwrites(db: Path, path: str) -> None:
    store = JournalStore(db)
    for n in range(4):
        store.entries.add("note", f"old {n}")
    store.close()
    set_counter(db, "entries", 2)  # ids e1..e4 exist; the counter says e2 is next
    if path == "full":  # a file not in our layout is parsed in full
        db.write_bytes(orjson.dumps(orjson.loads(db.read_bytes())))
    if path == "append-without-top":  # as an older version wrote it
        doc = orjson.loads(db.read_bytes())
        chunks = layout.compose(doc)
        del doc["meta"]["1"]["entries_top"]
        head = {name: table for name, table in doc.items() if name != "entries"}
        db.write_bytes(b"".join(layout.join(head, chunks[1:-1])))
        assert layout.split(db.read_bytes()) is not None
    fresh = JournalStore(db)
    added = fresh.entries.add("note", "new")
    assert added["id"] == "e5"
    kept = titles(db)
    assert [kept[f"e{n + 1}"] for n in range(4)] == [f"old {n}" for n in range(4)]
    assert kept["e5"] == "new"
    raw = db.read_bytes()
    assert raw.count(b'"2":{') == 1, "a duplicate JSON key was written"
    assert fresh.entries.add("note", "next")["id"] == "e6"


def test_a_script_inserting_with_tinydb_does_not_lead_to_an_overwrite(db: Path) -> None:
    from tinydb import TinyDB

    JournalStore(db).entries.add("note", "mine").get("id")
    with TinyDB(db) as plain:  # TinyDB's own JSONStorage: our counter is not raised
        plain.table("entries").insert(
            {
                "kind": "note",
                "when": "2026-01-02T10:00:00+00:00",
                "title": "script",
                "body": "",
                "tags": [],
                "goals": [],
                "skills": [],
                "starred": False,
                "source": None,
                "sentiment": None,
                "id": "e2",
                "created": "2026-01-02T10:00:00+00:00",
                "updated": "2026-01-02T10:00:00+00:00",
            }
        )
    result = cli(db, "add", "note", "after the script")
    assert result.returncode == 0, result.stderr
    assert b"e3 added" in result.stdout
    assert sorted(titles(db).values()) == ["after the script", "mine", "script"]


def test_restoring_an_entry_raises_the_counter(db: Path) -> None:
    store = JournalStore(db)
    first = store.entries.add("note", "one")
    store.entries.delete(first["id"])
    set_counter(db, "entries", 1)
    store.refresh()
    store.entries.restore(first)
    assert store.meta()["next"]["entries"] >= 2
    assert store.entries.add("note", "two")["id"] == "e2"


@pytest.mark.parametrize("table", ["goals", "skills", "reviews"])
def test_small_tables_continue_after_the_highest_id(db: Path, table: str) -> None:
    store = JournalStore(db)
    add: dict[str, Any] = {
        "goals": lambda n: store.goals.add(f"Goal {n}"),
        "skills": lambda n: store.skills.add(f"Skill {n}"),
        "reviews": lambda n: store.reviews.save({"title": f"Review {n}", "period": {}}),
    }
    for n in range(3):
        add[table](n)
    store.close()
    set_counter(db, table, 1)
    store = JournalStore(db)  # the add functions use `store`: open it afresh
    assert add[table](9)["id"][1:] == "4"


def test_a_hand_made_id_without_a_counter_does_not_crash_add(db: Path) -> None:
    JournalStore(db).entries.add("note", "one").get("id")
    doc = orjson.loads(db.read_bytes())
    doc["entries"]["x1"] = {**doc["entries"]["1"], "id": "x1"}
    del doc["meta"]["1"]["next"]["entries"]
    db.write_bytes(orjson.dumps(doc))
    result = cli(db, "add", "note", "two")
    assert result.returncode == 0, result.stderr
    assert b"e2 added" in result.stdout


def test_doctor_flags_a_counter_at_the_highest_id(db: Path) -> None:
    store = JournalStore(db)
    for n in range(3):
        store.entries.add("note", f"n{n}")
    store.close()
    set_counter(db, "entries", 3)
    result = cli(db, "doctor")
    assert result.returncode == 1
    assert b"entries id counter is out of step" in result.stdout
    set_counter(db, "entries", 4)
    assert cli(db, "doctor").returncode == 0


def test_the_append_path_still_parses_no_entries(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The highest-id check on `journal add` reads meta, not the entries (quick capture)."""
    from journal.storage.safe import SafeStorage

    store = JournalStore(db)
    for n in range(3):
        store.entries.add("note", f"n{n}")
    store.close()
    set_counter(db, "entries", 2)  # stale, yet the head knows the highest key

    def no_full_parse(self: SafeStorage) -> None:
        raise AssertionError("journal add parsed every entry")

    monkeypatch.setattr(SafeStorage, "load_fully", no_full_parse)
    assert JournalStore(db).entries.add("note", "quick")["id"] == "e4"
    monkeypatch.undo()
    assert titles(db)["e4"] == "quick" and titles(db)["e1"] == "n0"


def test_ids_are_not_reused_after_a_rollback(db: Path) -> None:
    """doctor --restore puts an older file back; its counter must not go back with it."""
    store = JournalStore(db)
    store.entries.add("note", "one")
    store.entries.add("note", "two")  # the first save's file is kept as a backup
    store.entries.add("note", "three")
    store.close()
    result = cli(db, "doctor", "--restore", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(titles(db).values()) == ["one"]
    assert b"next new ids: e4" in result.stdout  # it says the id counter was kept
    again = cli(db, "add", "note", "after the rollback")
    assert b"e4 added" in again.stdout, again.stdout


def test_an_id_waiting_in_the_trash_is_not_handed_out_again(db: Path) -> None:
    """The highest entry deleted (so only the trash holds it) and the counter rolled back:
    a new add must not take its id, and `journal undo` must still bring it back."""
    for n in range(3):
        assert cli(db, "add", "note", f"note {n}").returncode == 0
    assert cli(db, "delete", "e3", "--yes").returncode == 0
    set_counter(db, "entries", 2)
    added = cli(db, "add", "note", "new one")
    assert added.stdout.startswith(b"e4 added"), added.stdout + added.stderr
    undone = cli(db, "undo")
    assert undone.returncode == 0, undone.stderr
    assert titles(db) == {"e1": "note 0", "e2": "note 1", "e3": "note 2", "e4": "new one"}

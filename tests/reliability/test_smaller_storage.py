"""Issue 10, item 13 (the storage part): the smaller ways a journal was refused or misled.

A UTF-8 byte-order mark is accepted; a permission error names the read-only folder, not
our lock or temp file; entries at the same time list newest first by id; a refused
import on a new path creates nothing; a goals import that clashes with goals already in
the journal reports every clash by line. (The `x1` id case is in test_ids.py.)
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
import pytest

from journal.errors import JournalWriteError
from journal.storage import layout
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("layout_kept", [True, False])
def test_a_journal_with_a_byte_order_mark_is_accepted(db: Path, layout_kept: bool) -> None:
    JournalStore(db).entries.add("note", "before the editor added a BOM")
    raw = db.read_bytes()
    if not layout_kept:
        raw = orjson.dumps(orjson.loads(raw), option=orjson.OPT_INDENT_2)
    db.write_bytes(BOM + raw)
    listed = cli(db, "list")
    assert listed.returncode == 0, listed.stderr
    assert b"before the editor added a BOM" in listed.stdout
    assert cli(db, "doctor").returncode == 0
    added = cli(db, "add", "note", "after")
    assert added.returncode == 0, added.stderr
    saved = db.read_bytes()
    assert not saved.startswith(BOM) and layout.split(saved) is not None
    titles = sorted(r["title"] for r in orjson.loads(saved)["entries"].values())
    assert titles == ["after", "before the editor added a BOM"]


def denied(path: str) -> PermissionError:
    return PermissionError(errno.EACCES, "Permission denied", path)


def test_permission_errors_name_the_folder_not_our_lock(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    JournalStore(db).entries.add("note", "one").get("id")
    real_open = os.open

    def no_lock(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(file).endswith(".lock"):
            raise denied(str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_lock)
    with pytest.raises(JournalWriteError) as caught:
        JournalStore(db).entries.add("note", "two")
    message = str(caught.value)
    assert f"the folder {db.parent} is read-only for you" in message, message
    assert ".lock" not in message


def test_permission_errors_name_the_folder_not_our_temp_file(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = JournalStore(db)
    store.entries.add("note", "one")

    def no_temp(*args: Any, **kwargs: Any) -> Any:
        raise denied(str(db.parent / f".{db.name}.k2j4x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", no_temp)
    with pytest.raises(JournalWriteError) as caught:
        store.entries.add("note", "two")
    message = str(caught.value)
    assert f"the folder {db.parent} is read-only for you" in message, message
    assert ".tmp" not in message


def test_a_read_only_parent_is_named_when_the_folder_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "locked" / "journal" / "journal.json"
    real_mkdir = Path.mkdir

    def no_mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self == db.parent:
            raise denied(str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", no_mkdir)
    with pytest.raises(JournalWriteError) as caught:
        JournalStore(db).entries.add("note", "one")
    assert f"the folder {db.parent.parent} is read-only for you" in str(caught.value)


def test_entries_at_the_same_time_list_newest_first(db: Path) -> None:
    store = JournalStore(db)
    store.entries.add_many(
        [{"kind": "note", "text": f"n{n}", "when": "2026-03-04T09:00:00+00:00"} for n in range(11)]
    )
    store.entries.add("note", "earlier", when="2026-03-03T09:00:00+00:00")
    store.close()
    newest_first = [f"e{n}" for n in range(11, 0, -1)] + ["e12"]
    listed = cli(db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [e["id"] for e in orjson.loads(listed.stdout)] == newest_first
    top = cli(db, "list", "--json", "-n", "3")
    assert [e["id"] for e in orjson.loads(top.stdout)] == newest_first[:3]


def test_refused_imports_on_a_new_path_create_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new" / "journal.json"
    goals = tmp_path / "goals.md"
    goals.write_text("- Grow revenue (due: someday soon)\n")
    jrnl = tmp_path / "jrnl.json"
    jrnl.write_bytes(
        orjson.dumps(
            {
                "entries": [
                    {"date": "not a date", "time": "09:00", "title": "x", "body": "", "tags": []}
                ]
            }
        )
    )
    for args in (["import", "goals", str(goals)], ["import", "jrnl", str(jrnl)]):
        result = cli(db, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert not db.parent.exists(), (args, "the refused import created the folder")
    goals.write_text("- Grow revenue (due: 2026-12-31)\n")
    result = cli(db, "import", "goals", str(goals))
    assert result.returncode == 0, result.stderr
    assert [g["title"] for g in JournalStore(db).goals.all()] == ["Grow revenue"]


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_goal_import_reports_every_clash_with_the_journal_by_line(
    db: Path, tmp_path: Path, fmt: str
) -> None:
    store = JournalStore(db)
    store.goals.add("Grow revenue", code="revenue")
    store.goals.add("Ship faster", code="speed")
    store.close()
    before = db.read_bytes()
    goals = tmp_path / f"goals.{fmt}"
    if fmt == "md":
        goals.write_text("- Grow revenue (code: rev2)\n- Brand new\n- Ship faster (code: fast)\n")
        lines = (1, 3)
    else:
        goals.write_text("title,code\nGrow revenue,rev2\nBrand new,\nShip faster,fast\n")
        lines = (2, 4)
    result = cli(db, "import", "goals", str(goals))
    err = result.stderr.decode()
    assert result.returncode == 2, err
    for line, (title, code) in zip(
        lines, [("Grow revenue", "revenue"), ("Ship faster", "speed")], strict=True
    ):
        assert f"line {line}: a goal titled {title!r} already exists ({code})" in err, err
    assert db.read_bytes() == before


def test_goal_import_names_a_title_used_twice_in_the_file(db: Path, tmp_path: Path) -> None:
    goals = tmp_path / "goals.md"
    goals.write_text("- Grow revenue (code: a)\n- Grow Revenue (code: b)\n")
    result = cli(db, "import", "goals", str(goals))
    assert result.returncode == 2
    assert b"line 2: the title 'Grow Revenue' is already used on line 1" in result.stderr
    assert not db.parent.exists()

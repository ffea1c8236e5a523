"""Issue 10, item 13 (the storage part): the smaller ways a journal was refused or misled.

A UTF-8 byte-order mark is accepted; a permission error names the read-only folder, not
our lock or temp file; entries at the same time list newest first by id; a refused
import on a new path creates nothing; a goals import that clashes with goals already in
the journal reports every clash by line. (The `x1` id case is in test_ids.py.)
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from journal import layout
from journal.store import JournalStore
from tests.reliability.conftest import cli

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("layout_kept", [True, False])
def test_a_journal_with_a_byte_order_mark_is_accepted(db: Path, layout_kept: bool) -> None:
    JournalStore(db).add_entry("note", "before the editor added a BOM")
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

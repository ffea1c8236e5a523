"""Issue 5, item 6: backups rotate and parse; `journal doctor` checks, lists, restores.

Policy under test (journal/backups.py): before a save replaces the journal, the old file is
kept (hard-linked, so free) when the newest backup is more than BACKUP_EVERY (an hour)
old; the KEEP (10) newest backups survive. `journal doctor --restore` keeps the current
file as a backup first, byte for byte even when it is damaged, then swaps the backup in
atomically (0600) while holding the journal's lock.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from journal.doctor.checks import check
from journal.doctor.restore import Restored, describe_backups, locked, restore
from journal.errors import JournalError
from journal.storage import backups
from journal.storage.document import parse_ok
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli, seeded, temp_files
from tests.reliability.test_two_writers import LOCK_HOLDER


def edit_doc(db: Path, change: Any) -> None:
    doc = orjson.loads(db.read_bytes())
    change(doc)
    db.write_bytes(orjson.dumps(doc))


def entries_in(path: Path) -> int:
    return len(orjson.loads(path.read_bytes()).get("entries", {}))


# -- the backup policy -------------------------------------------------------------------


def test_one_backup_an_hour_and_each_parses(db: Path) -> None:
    store = seeded(db)  # several saves within the hour: one backup, of the first save
    assert len(backups.list_backups(db)) == 1
    first = backups.list_backups(db)[0]
    stamp = (datetime.now(UTC) - timedelta(hours=2)).strftime("%Y%m%dT%H%M%SZ")
    first.rename(first.with_name(f"{db.name}.{stamp}.bak"))  # as if taken two hours ago
    store.entries.add("note", "an hour later")
    kept = backups.list_backups(db)
    assert len(kept) == 2
    assert entries_in(kept[0]) == len(store.entries.all()) - 1  # the journal just before the save
    for backup in kept:
        assert parse_ok(backup.read_bytes())
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_backups_list_newest_first_even_within_one_second(db: Path) -> None:
    """Several backups in one second get -1, -2 ... -10 suffixes; order must follow them."""
    store = JournalStore(db)
    made = []
    for i in range(backups.KEEP + 3):
        store.entries.add("note", f"n{i}")
        made.append(backups.keep(db))
    listed = backups.list_backups(db)
    assert len(listed) == backups.KEEP
    survivors = [p for p in made if p.exists()]
    assert listed == list(reversed(survivors)), "not newest first"
    assert survivors == made[-backups.KEEP :], "rotation removed new backups, kept old ones"
    assert entries_in(listed[0]) == backups.KEEP + 3


# -- checking ----------------------------------------------------------------------------


def test_doctor_on_a_healthy_journal(db: Path) -> None:
    store = seeded(db)
    backups.keep(db)
    store.entries.add("note", "one more")
    result = cli(db, "doctor")
    out = result.stdout.decode()
    assert result.returncode == 0, out
    assert f"Journal: {db}  (from $JOURNAL_DB)" in out
    assert "Status: healthy" in out
    assert "3 entries, 2 goals, 1 skill," in out
    listed = describe_backups(db)
    assert len(listed) == 2
    for number, info in enumerate(listed, 1):
        assert info.entries is not None and info.taken is not None
        assert f"{info.entries} entries" in out and info.path.name in out
        local = info.taken.astimezone().strftime("%Y-%m-%d %H:%M")
        assert f"{number:>2}  {local}" in out


def test_doctor_says_where_the_journal_lives(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere" / "j.json"
    by_flag = cli(db, "doctor", "--db", str(db), env={"JOURNAL_DB": ""})
    assert f"Journal: {db}  (from --db)".encode() in by_flag.stdout
    data_home = tmp_path / "xdg"
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_DB"}
    env["XDG_DATA_HOME"] = str(data_home)
    default = subprocess.run(
        [sys.executable, "-m", "journal", "doctor"], env=env, capture_output=True, timeout=60
    )
    expected = data_home / "coaching-journal" / "journal.json"
    assert f"Journal: {expected}  (the default location)".encode() in default.stdout
    assert default.returncode == 0 and b"no journal yet" in default.stdout
    assert not expected.exists(), "doctor must not create a journal"


DAMAGE = {
    "entry-missing-goal": (
        lambda d: d["entries"]["1"]["goals"].append("g99"),
        "entry e1 links to goal g99 in 'goals', which does not exist",
        True,
    ),
    "entry-missing-skill": (
        lambda d: d["entries"]["2"]["skills"].append("s42"),
        "entry e2 links to skill s42",
        True,
    ),
    "goal-missing-parent": (
        lambda d: d["goals"]["1"].update(parent="g77"),
        "goal g1 links to goal g77 in 'parent'",
        True,
    ),
    "goal-missing-supports": (
        lambda d: d["goals"]["2"]["supports"].append("g55"),
        "goal g2 links to goal g55 in 'supports'",
        True,
    ),
    "skill-missing-why": (
        lambda d: d["skills"]["1"]["why"].append("e404"),
        "skill s1 links to entry e404 in 'why'",
        True,
    ),
    "counter-lags": (
        lambda d: d["meta"]["1"]["next"].update(entries=1),
        "entries id counter is out of step",
        True,
    ),
    "duplicate-id": (
        lambda d: d["entries"]["2"].update(id="e1"),
        "duplicate id e1 in entries",
        False,
    ),
    "key-id-mismatch": (
        lambda d: d["goals"]["1"].update(id="g9"),
        "has id 'g9' (expected g1)",
        False,
    ),
    "duplicate-goal-code": (
        lambda d: d["goals"]["2"].update(code="revenue"),
        "share the code 'revenue'",
        False,
    ),
    "goal-cycle": (
        lambda d: (d["goals"]["1"].update(parent="g2"), d["goals"]["2"].update(parent="g1")),
        "form a cycle of parents",
        False,
    ),
    "bad-entry-kind": (
        lambda d: d["entries"]["1"].update(kind="memo"),
        "entry e1 is not a valid entry: unknown kind 'memo'",
        False,
    ),
    "bad-entry-date": (
        lambda d: d["entries"]["1"].update(when="last tuesday-ish"),
        "entry e1 has an unreadable date",
        False,
    ),
    "no-meta-record": (lambda d: d["meta"].clear(), "the meta table has no record 1", False),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_doctor_finds_damage(db: Path, kind: str) -> None:
    seeded(db).close()
    change, message, fixable = DAMAGE[kind]
    edit_doc(db, change)
    result = cli(db, "doctor")
    out = result.stdout.decode()
    assert result.returncode == 1, out
    assert "DAMAGED" in out and message in out, out
    assert ("journal doctor --fix" in out) == fixable


@pytest.mark.parametrize("kind", sorted(k for k, v in DAMAGE.items() if v[2]))
def test_doctor_fix_mends_links_and_counters(db: Path, kind: str) -> None:
    seeded(db).close()
    edit_doc(db, DAMAGE[kind][0])
    damaged = db.read_bytes()
    result = cli(db, "doctor", "--fix")
    out = result.stdout.decode()
    assert result.returncode == 0, out
    assert "Fixed: " in out and "Status: healthy" in out
    assert any(b.read_bytes() == damaged for b in backups.list_backups(db)), "no backup kept"
    assert check(db).healthy
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    if kind == "counter-lags":  # the next id is fresh, never a reused one
        new = JournalStore(db).entries.add("note", "fresh id")
        assert new["id"] == "e3"


def test_doctor_fix_leaves_what_it_cannot_mend(db: Path) -> None:
    seeded(db).close()
    edit_doc(db, DAMAGE["duplicate-goal-code"][0])
    before = db.read_bytes()
    result = cli(db, "doctor", "--fix")
    assert result.returncode == 1 and b"Nothing --fix can mend" in result.stdout
    assert db.read_bytes() == before
    db.write_bytes(b"{torn")
    result = cli(db, "doctor", "--fix")
    assert result.returncode == 1 and b"Restore a backup" in result.stderr
    assert db.read_bytes() == b"{torn"


# -- restoring ---------------------------------------------------------------------------


@pytest.fixture
def with_two_backups(db: Path) -> JournalStore:
    store = seeded(db)  # 2 entries; the first save is backup #2 after the next keep()
    time.sleep(1.01)  # distinct stamps, so numbers and names are unambiguous
    backups.keep(db)  # backup #1: 2 entries
    store.entries.add("note", "third")
    return store


@pytest.mark.parametrize("how", ["number", "name", "path"])
def test_restore_keeps_the_current_file_first(
    db: Path, with_two_backups: JournalStore, how: str
) -> None:
    chosen = backups.list_backups(db)[0]
    ref = {"number": "1", "name": chosen.name, "path": str(chosen)}[how]
    wanted = chosen.read_bytes()
    current = db.read_bytes()
    result = cli(db, "doctor", "--restore", ref)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert f"Restored {chosen}" in out and "(2 entries)" in out
    # The backup as it was, but for the id counters: they stay past every id the replaced
    # journal used (issue 10: ids are never reused, also after a rollback).
    restored, backed_up = orjson.loads(db.read_bytes()), orjson.loads(wanted)
    assert restored["meta"]["1"]["next"]["entries"] == 4 > backed_up["meta"]["1"]["next"]["entries"]
    for doc in (restored, backed_up):
        for name in ("next", "entries_crc", "entries_top"):
            doc["meta"]["1"].pop(name, None)
    assert restored == backed_up
    assert "next new ids: e4" in out
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    kept = [b for b in backups.list_backups(db) if b.read_bytes() == current]
    assert kept and f"Kept the previous journal file as {kept[0]}" in out
    assert not temp_files(db)
    assert [e["title"] for e in JournalStore(db).entries.all()] == [
        "Closed Acme.",
        "Lead with the problem.",
    ]


def test_restore_over_a_damaged_file_keeps_it_byte_for_byte(
    db: Path, with_two_backups: JournalStore
) -> None:
    damaged = bytes(range(256)) + b"\0\0{"
    db.write_bytes(damaged)
    os.chmod(db, 0o644)
    result = cli(db, "doctor", "--restore", "1")
    assert result.returncode == 0, result.stderr.decode()
    kept = backups.list_backups(db)[0]
    assert kept.read_bytes() == damaged
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.stat().st_mode) == 0o600  # the restored file is private again
    assert parse_ok(db.read_bytes())
    listing = cli(db, "doctor").stdout.decode()
    assert "DOES NOT PARSE" in listing  # the kept damaged copy, for the record


def test_restore_refuses_bad_choices_and_changes_nothing(
    db: Path, with_two_backups: JournalStore
) -> None:
    before = db.read_bytes()
    count = len(backups.list_backups(db))
    for ref in ("7", "nope.bak", str(db.parent / "missing.bak")):
        result = cli(db, "doctor", "--restore", ref)
        assert result.returncode == 2, result.stderr
        assert b"no backup" in result.stderr and b"journal doctor" in result.stderr
    bad = db.parent / "bad.bak"
    bad.write_bytes(b"[]")
    result = cli(db, "doctor", "--restore", str(bad))
    assert result.returncode == 2 and b"choose another" in result.stderr
    assert db.read_bytes() == before
    assert len(backups.list_backups(db)) == count


def test_restore_when_there_is_no_journal_file(db: Path, with_two_backups: JournalStore) -> None:
    wanted = backups.list_backups(db)[1].read_bytes()
    db.unlink()
    result = cli(db, "doctor", "--restore", "2")
    assert result.returncode == 0, result.stderr.decode()
    assert db.read_bytes() == wanted
    assert b"Kept the previous" not in result.stdout


def test_restore_takes_the_journal_lock(db: Path, with_two_backups: JournalStore) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        with pytest.raises(JournalError, match="busy"), locked(db, timeout=0.2):
            pass
        done: list[Restored] = []
        worker = threading.Thread(target=lambda: done.append(restore(db, "1")))
        worker.start()
        time.sleep(0.5)
        assert not done, "restore went ahead while another process held the lock"
        holder.kill()
        worker.join(timeout=5)
        assert done and done[0].entries == 2
    finally:
        holder.kill()
        holder.wait()


def test_doctor_on_a_deleted_journal_with_backups_says_how_to_restore(db: Path) -> None:
    """Issue 10, item 5: a missing journal whose backups remain is not 'no journal yet'."""
    seeded(db)
    backups.keep(db)
    os.unlink(db)
    result = cli(db, "doctor")
    out = result.stdout.decode()
    assert result.returncode == 1, out
    assert "no journal yet" not in out
    assert "the journal file is missing" in out and "journal doctor --restore 1" in out
    assert cli(db, "doctor", "--restore", "1").returncode == 0
    assert len(JournalStore(db).entries.all()) == 2

"""Issue 10, item 3: clock skew must not delete backups or stop them being taken.

Backups stamped in the future (the clock was wrong, or they came from another machine)
count as stale: a save still keeps a new one; they sort as the oldest; rotation never
removes the backup it has just kept; a restore adds exactly one backup.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from journal.storage import backups
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli

STAMP = "%Y%m%dT%H%M%SZ"


def fake_backups(db: Path, count: int, start: datetime) -> list[Path]:
    """`count` backups of the current journal stamped from `start` onwards, a day apart."""
    folder = backups.folder_for(db)
    folder.mkdir(mode=0o700, exist_ok=True)
    made = []
    for n in range(count):
        stamp = (start + timedelta(days=n)).strftime(STAMP)
        target = folder / f"{db.name}.{stamp}.bak"
        target.write_bytes(db.read_bytes())
        os.chmod(target, 0o600)
        made.append(target)
    return made


def journal_with(db: Path, notes: int) -> JournalStore:
    store = JournalStore(db)
    for n in range(notes):
        store.entries.add("note", f"note {n}")
    for old in backups.list_backups(db):
        old.unlink()
    return store


def test_future_backups_do_not_stop_new_ones(db: Path) -> None:
    store = journal_with(db, 1)
    future = fake_backups(db, 3, datetime.now(UTC) + timedelta(days=400))
    store.entries.add("note", "saved while the backups say the future")
    listed = backups.list_backups(db)
    assert len(listed) == 4, listed
    assert listed[0] not in future, "the backup just taken must list as the newest"
    assert listed[-3:] == sorted(future, reverse=True)


def test_rotation_never_removes_the_backup_just_kept(db: Path) -> None:
    journal_with(db, 1).close()
    future = fake_backups(db, backups.KEEP, datetime.now(UTC) + timedelta(days=30))
    kept = backups.keep(db)
    assert kept.exists()
    listed = backups.list_backups(db)
    assert len(listed) == backups.KEEP
    assert listed[0] == kept
    assert future[0] not in listed  # the oldest-stamped future one went


def test_past_backups_rotate_oldest_first(db: Path) -> None:
    journal_with(db, 1).close()
    past = fake_backups(db, backups.KEEP, datetime.now(UTC) - timedelta(days=30))
    kept = backups.keep(db)
    listed = backups.list_backups(db)
    assert listed[0] == kept and past[0] not in listed and len(listed) == backups.KEEP


def test_restore_with_future_backups_keeps_what_it_says(db: Path) -> None:
    journal_with(db, 2).close()
    fake_backups(db, backups.KEEP, datetime.now(UTC) + timedelta(days=30))
    result = cli(db, "doctor", "--restore", "3")
    assert result.returncode == 0, result.stderr
    said = result.stdout.decode().splitlines()[0]
    assert said.startswith("Kept the previous journal file as ")
    kept = Path(said.removeprefix("Kept the previous journal file as "))
    assert kept.exists(), "the backup doctor says it kept was rotated away"
    assert backups.list_backups(db)[0] == kept


def test_a_restore_adds_one_backup(db: Path) -> None:
    store = journal_with(db, 2)
    fake_backups(db, 2, datetime.now(UTC) - timedelta(days=3))
    store.close()
    before = len(backups.list_backups(db))
    assert cli(db, "doctor", "--restore", "2").returncode == 0
    assert len(backups.list_backups(db)) == before + 1
    assert cli(db, "add", "note", "after the restore").returncode == 0
    assert len(backups.list_backups(db)) == before + 1


def test_a_restore_among_future_backups_adds_one(db: Path) -> None:
    journal_with(db, 2).close()
    fake_backups(db, 2, datetime.now(UTC) + timedelta(days=3))
    before = len(backups.list_backups(db))
    assert cli(db, "doctor", "--restore", "2").returncode == 0
    assert len(backups.list_backups(db)) == before + 1
    assert cli(db, "add", "note", "after the restore").returncode == 0
    assert len(backups.list_backups(db)) == before + 1

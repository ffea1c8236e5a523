"""Issue 10, item 5: an older copy renamed over the journal, or the journal deleted, under
the open app. The app must keep what it held as a backup before adopting the change and
say so in words; `journal doctor` on a missing journal with backups says how to restore.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson

from journal.doctor.restore import find_backup, restore
from journal.storage import backups
from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from tests.reliability.conftest import Run, seeded
from tests.reliability.test_tui_external_change import POLL_WAIT, replace_file, shown_titles
from tests.tui.helpers import SIZE, fixed_now, notices, wait_for


def entries_in(backup: Path) -> set[str]:
    return {e["title"] for e in orjson.loads(backup.read_bytes())["entries"].values()}


def backup_named(app: JournalApp, db: Path, words: str) -> Path:
    """The backup a notice containing `words` names by its `doctor` number."""
    said = next(n for n in notices(app) if words in n)
    number = re.search(r"backup (\d+)", said)
    assert number, said
    return find_backup(db, number.group(1))


async def test_an_older_copy_renamed_over_the_journal(db: Path) -> None:
    store = seeded(db)
    older = db.read_bytes()
    store.entries.add("note", "Written after the copy was taken.")
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Written after the copy was taken." in shown_titles(app))
        replace_file(db, older)  # a sync tool puts back yesterday's copy
        words = "went back from 3 to 2 entries"
        await wait_for(pilot, lambda: any(words in n for n in notices(app)), timeout=POLL_WAIT)
        kept = backup_named(app, db, words)
        await wait_for(pilot, lambda: "Written after the copy was taken." not in shown_titles(app))
    assert "Written after the copy was taken." in entries_in(kept)
    assert db.read_bytes() == older, "the rollback itself is adopted, not undone"


async def test_the_journal_deleted_under_the_open_app(db: Path, run: Run) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Closed Acme." in shown_titles(app))
        os.unlink(db)
        await wait_for(pilot, lambda: any("deleted" in n for n in notices(app)), timeout=POLL_WAIT)
        kept = backup_named(app, db, "deleted")
    assert entries_in(kept) == {"Closed Acme.", "Lead with the problem."}
    assert not db.exists()
    result = run("doctor")
    out = result.stdout.decode()
    assert result.returncode == 1, out
    assert "missing" in out and "journal doctor --restore 1" in out
    assert run("doctor", "--restore", "1").returncode == 0
    assert {e["title"] for e in JournalStore(db).entries.all()} == entries_in(kept)


async def test_a_save_right_after_the_rollback_keeps_what_was_held(db: Path) -> None:
    store = seeded(db)
    older = db.read_bytes()
    store.entries.add("note", "Written after the copy was taken.")
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Written after the copy was taken." in shown_titles(app))
        replace_file(db, older)
        await pilot.press("a", *"Saved before the app looked", "ctrl+s")  # within the poll
        words = "went back from 3 to 2 entries"
        await wait_for(pilot, lambda: any(words in n for n in notices(app)), timeout=POLL_WAIT)
        kept = backup_named(app, db, words)
    assert "Written after the copy was taken." in entries_in(kept)
    on_disk = {e["title"] for e in JournalStore(db).entries.all()}
    assert on_disk == {"Closed Acme.", "Lead with the problem.", "Saved before the app looked"}


async def test_a_restore_under_the_app_is_told_and_kept_once(db: Path) -> None:
    store = seeded(db)
    backups.keep(db)
    store.entries.add("note", "Written after the backup.")
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Written after the backup." in shown_titles(app))
        count = len(backups.list_backups(db))
        restore(db, "1")  # keeps the current file as a backup itself
        words = "went back from 3 to 2 entries"
        await wait_for(pilot, lambda: any(words in n for n in notices(app)), timeout=POLL_WAIT)
        kept = backup_named(app, db, words)
    assert "Written after the backup." in entries_in(kept)
    assert len(backups.list_backups(db)) == count + 1, "one backup for one restore"

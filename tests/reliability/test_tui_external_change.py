"""Issue 5, item 4: the journal changes under the open app; nothing is lost either way.

Pilot tests with a second writer on the same file while the app runs: another store adds,
deletes and edits entries (even while the app's editor is open), `journal doctor
--restore` swaps the file for a backup, and the file is damaged and then restored. The
app must show the other writer's work, its own next save must keep it (every store write
re-reads the file under the lock), and a damaged file must be reported and left alone,
with the entry being written kept in the editor.
"""

from __future__ import annotations

import os
from pathlib import Path

from journal.doctor.restore import restore
from journal.storage import backups
from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from tests.reliability.conftest import seeded
from tests.tui.helpers import SIZE, fixed_now, notices, screen_text, wait_for

POLL_WAIT = 10.0  # the app polls once a second; a ceiling for a loaded machine, not a wait


def shown_titles(app: JournalApp) -> set[str]:
    screen = app.screen_stack[0] if app.screen_stack else None
    if not isinstance(screen, JournalScreen):
        return set()
    return {e["title"] for e in screen.entry_list.entries}


def disk_titles(db: Path) -> set[str]:
    return {e["title"] for e in JournalStore(db).entries.all()}


def replace_file(db: Path, data: bytes) -> None:
    """Swap the file's content the way another program's safe save would: a rename."""
    tmp = db.with_name("other-program.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, db)


async def test_other_writer_while_our_editor_is_open(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Closed Acme." in shown_titles(app))
        await pilot.press("a")
        assert isinstance(app.screen, EntryEditor)
        await pilot.press(*"Ours, typed slowly")
        other = JournalStore(db)
        other.entries.add("note", "Theirs, saved while our editor was open.")
        other.entries.delete("e1")  # "Closed Acme."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await wait_for(
            pilot,
            lambda: (
                {"Ours, typed slowly", "Theirs, saved while our editor was open."}
                <= shown_titles(app)
            ),
            timeout=POLL_WAIT,
        )
        assert "Closed Acme." not in shown_titles(app)
    on_disk = disk_titles(db)
    assert {"Ours, typed slowly", "Theirs, saved while our editor was open."} <= on_disk
    assert "Closed Acme." not in on_disk, "our save resurrected an entry deleted elsewhere"
    assert len(on_disk) == 3


async def test_our_star_lands_on_their_latest_version(db: Path) -> None:
    store = seeded(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Lead with the problem." in shown_titles(app))
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert screen.entry_list.select_id("e2")
        JournalStore(db).entries.update("e2", title="Renamed elsewhere.", tags=["retitled"])
        await pilot.press("asterisk")
        await wait_for(
            pilot, lambda: JournalStore(db).entries.get("e2")["starred"], timeout=POLL_WAIT
        )
    entry = JournalStore(db).entries.get("e2")
    assert entry["title"] == "Renamed elsewhere." and entry["tags"] == ["retitled"]


async def test_a_restore_under_the_open_app(db: Path) -> None:
    store = seeded(db)  # the first save became backup 1 (no entries yet)
    backups.keep(db)  # backup with the two seeded entries
    store.entries.add("note", "Written after the backup.")
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Written after the backup." in shown_titles(app))
        restore(db, "1")
        await wait_for(
            pilot, lambda: "Written after the backup." not in shown_titles(app), timeout=POLL_WAIT
        )
        assert shown_titles(app) == {"Closed Acme.", "Lead with the problem."}
        await pilot.press("a", *"After the restore", "ctrl+s")
        await wait_for(pilot, lambda: "After the restore" in shown_titles(app))
    assert disk_titles(db) == {"Closed Acme.", "Lead with the problem.", "After the restore"}


async def test_damaged_under_the_open_app_is_reported_and_left_alone(db: Path) -> None:
    store = seeded(db)
    backups.keep(db)
    app = make_app(store, now=fixed_now)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Closed Acme." in shown_titles(app))
        replace_file(db, b'{"meta": {"1": {"schema": 1}}, "entries": {"1": ')
        damaged = db.read_bytes()
        await wait_for(pilot, lambda: any(str(db) in n for n in notices(app)), timeout=POLL_WAIT)
        assert "Closed Acme." in shown_titles(app), "the last good view stays on screen"
        await pilot.press("a", *"Precious words")
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in screen_text(app))
        assert app.screen is editor, "the editor must stay open with the text in it"
        assert editor.query_one("#title").value == "Precious words"  # type: ignore[attr-defined]
        assert db.read_bytes() == damaged
        restore(db, "1")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), timeout=POLL_WAIT)
        await wait_for(pilot, lambda: "Precious words" in shown_titles(app), timeout=POLL_WAIT)
    assert "Precious words" in disk_titles(db)
    assert any(b.read_bytes() == damaged for b in backups.list_backups(db))

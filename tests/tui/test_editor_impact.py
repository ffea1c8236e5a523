"""The entry editor's impact field (issue 16): shown for wins only, saved with the win."""

from __future__ import annotations

from textual.widgets import Input, Select

from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.journal import JournalScreen
from tests.tui.helpers import SIZE, settle, wait_for
from tests.tui.test_editor import open_editor


async def test_impact_only_for_wins_and_saved(app: JournalApp, journal_store: JournalStore) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        row = editor.query_one("#impact-row")
        assert not row.display  # a new entry starts as a note
        editor.query_one("#kind", Select).value = "win"
        await pilot.pause()
        assert row.display
        editor.query_one("#title", Input).value = "Cut checkout p95"
        impact = editor.query_one("#impact", Input)
        impact.focus()
        await pilot.press(*"p95 -34%")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
    saved = [e for e in journal_store.entries.all() if e["title"] == "Cut checkout p95"]
    assert saved and saved[0]["kind"] == "win" and saved[0]["impact"] == "p95 -34%"


async def test_a_note_saves_no_impact(app: JournalApp, journal_store: JournalStore) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        editor.query_one("#kind", Select).value = "win"
        await pilot.pause()
        editor.query_one("#impact", Input).value = "typed, then the kind changed"
        editor.query_one("#kind", Select).value = "note"
        editor.query_one("#title", Input).value = "Just a note"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
    saved = [e for e in journal_store.entries.all() if e["title"] == "Just a note"]
    assert saved and "impact" not in saved[0]

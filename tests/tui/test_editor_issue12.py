"""The entry editor's leftovers of issue 12: body-only entries, F1 and the palette inside
the editor, room for the body at 80x24, future dates, and Escape on a 1 MB body."""

from __future__ import annotations

import time
from pathlib import Path

from textual.command import CommandPalette

from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from screens.dialogs import Confirm
from screens.editor import FUTURE_NOTE, EntryEditor
from screens.help import HelpScreen, ordered_sections
from screens.journal import JournalScreen
from tests.tui.helpers import NOW, SIZE, screen_text, settle, wait_for
from tests.tui.test_editor import open_editor


async def test_a_body_only_entry_takes_its_first_sentence_as_title(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot, app)
        await pilot.press("tab", *"Met with Priya. She liked the plan.", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
    added = [e for e in journal_store.entries.all() if e["title"] == "Met with Priya."]
    assert len(added) == 1 and added[0]["body"] == "She liked the plan."


async def test_f1_opens_help_inside_the_editor(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert ordered_sections(app.screen.screen_name)[0][0] == "Entry editor"  # its keys first
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is editor


async def test_ctrl_p_opens_the_palette_inside_the_editor(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        editor.body_area.focus()
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)


async def test_the_body_gets_the_room_left_at_80x24(app: JournalApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("shift+tab", "shift+tab", "enter", "f", "enter")  # kind: feedback
        await settle(pilot)
        assert editor.query_one("#feedback-row").display
        assert editor.body_area.size.height >= 7
        assert "ctrl+s save" in screen_text(app)  # and the hint is still on screen


async def test_a_future_date_is_warned_about_and_saved(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot, app)
        assert FUTURE_NOTE not in screen_text(app)
        await pilot.press(*"Planning day", "shift+tab", "ctrl+u", *"2026-04-02")
        await settle(pilot)
        assert "in the future: it will sit at the top of every list" in screen_text(app)
        await pilot.press("ctrl+u", *"yesterday")
        await settle(pilot)
        assert FUTURE_NOTE not in screen_text(app)
        await pilot.press("ctrl+u", *"2026-04-02", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
    added = [e for e in journal_store.entries.all() if e["title"] == "Planning day"]
    assert len(added) == 1 and added[0]["when"].startswith("2026-04-02")


ESCAPE_LIMIT = 1.0
"""Seconds: measured ~0.15-0.2 s here (the target is < 0.3 s); the issue saw 2-4 s. The
bound leaves room for a loaded test machine and still catches that regression."""


async def test_escape_on_a_1_mb_body_is_fast(store: JournalStore, settings_file: Path) -> None:
    body = "\n".join(f"line {n} of a long pasted log, kept exactly" for n in range(25_000))
    assert len(body) > 1_000_000
    store.entries.add("note", title="A huge paste", body=body, when=NOW)
    app = make_app(store, now=lambda: NOW, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) > 0
            ),
        )
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        started = time.perf_counter()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), timeout=10)
        took = time.perf_counter() - started
        assert took < ESCAPE_LIMIT, f"escape took {took:.2f} s"
        # Unsaved changes still ask first, and as fast.
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        editor.body_area.focus()
        await pilot.press("x")
        started = time.perf_counter()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm), timeout=10)
        took = time.perf_counter() - started
        assert took < ESCAPE_LIMIT, f"escape with changes took {took:.2f} s"
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), timeout=10)
    kept = [e for e in store.entries.all() if e["title"] == "A huge paste"]
    assert kept[0]["body"] == body

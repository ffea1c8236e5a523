"""The entry editor: dates checked as you type, failed saves keep what you wrote."""

from __future__ import annotations

from typing import Any

import pytest

from journal.errors import JournalWriteError
from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.editor import EntryEditor
from screens.journal import JournalScreen
from tests.tui.helpers import SIZE, screen_text, wait_for


async def open_editor(pilot, app: JournalApp) -> EntryEditor:  # type: ignore[no-untyped-def]
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, JournalScreen) and len(app.screen.entry_list.entries) > 0,
    )
    await pilot.press("a")
    editor = app.screen
    assert isinstance(editor, EntryEditor)
    return editor


async def test_the_parsed_date_is_shown_live(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot, app)
        assert "→ Mon 16 Mar 2026 10:00" in screen_text(app)
        await pilot.press("shift+tab", "ctrl+u", *"last friday")
        assert "→ Fri 13 Mar 2026 12:00" in screen_text(app)


async def test_an_unreadable_date_is_marked_and_the_save_refused(
    app: JournalApp, journal_store: JournalStore
) -> None:
    before = journal_store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press(*"Kept", "shift+tab", "ctrl+u", *"31/02")
        assert "✗ unreadable date" in screen_text(app)
        assert editor.when_parsed.has_class("-invalid")
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert app.screen is editor
        assert "Fix the date before saving" in screen_text(app)
    assert journal_store.path.read_bytes() == before


async def test_an_empty_title_is_refused(app: JournalApp, journal_store: JournalStore) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert app.screen is editor
        assert "Write a title before saving" in screen_text(app)
    assert len(journal_store.entries.all()) == 6


async def test_a_failed_save_keeps_the_editor_and_its_content(
    app: JournalApp, journal_store: JournalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    real_add = journal_store.entries.add

    def disk_full(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        raise JournalWriteError(
            f"Could not save the journal {journal_store.path}: No space left on device.\n"
            "The journal on disk was not changed."
        )

    monkeypatch.setattr(journal_store.entries, "add", disk_full)
    before = journal_store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press(*"Precious", "tab", *"every word")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "No space left on device" in str(editor.error.content))
        assert "Not saved: Could not save the journal" in screen_text(app)
        assert app.screen is editor
        assert editor.query_one("#title").value == "Precious"  # type: ignore[attr-defined]
        assert editor.body_area.text == "every word"
        assert journal_store.path.read_bytes() == before
        monkeypatch.setattr(journal_store.entries, "add", real_add)  # space freed: save again
        await pilot.press("ctrl+s", "ctrl+s")  # a double press still writes once
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
    assert len(calls) == 1
    saved = [e for e in journal_store.entries.all() if e["title"] == "Precious"]
    assert len(saved) == 1 and saved[0]["body"] == "every word"


async def test_feedback_fields_only_for_feedback(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        row = editor.query_one("#feedback-row")
        assert not row.display
        await pilot.press("shift+tab", "shift+tab", "enter", "f", "enter")
        assert row.display


async def test_letters_in_the_editor_never_switch_screens_or_quit(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        editor.query_one("#goals").query_one("SelectionList").focus()
        await pilot.press("g", "s", "r", "q")
        assert app.screen is editor
        assert app.is_running


async def test_filter_then_tab_then_space_ticks_the_first_match(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        await pilot.press(*"Spoke at the all-hands")
        goals_filter = editor.query_one("#goals Input")
        goals_filter.focus()
        await pilot.press(*"rev", "tab", "space", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await app.workers.wait_for_complete()
    added = [e for e in journal_store.entries.all() if e["title"] == "Spoke at the all-hands"]
    assert added and added[0]["goals"] == [journal_store.goals.get("revenue")["id"]]

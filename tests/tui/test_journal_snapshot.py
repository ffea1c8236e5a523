"""SVG snapshots of the journal screen, the editor and help on the demo journal.

Fixed clock, fixed terminal size, cursor blink off, every worker finished: the pictures
change only when the rendering does (`pytest --snapshot-update` after a deliberate change).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from journal.demo.year import build_demo
from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=timezone(timedelta(hours=1)))


def demo_app(store: JournalStore) -> JournalApp:
    build_demo(store, now=NOW)
    return make_app(store, now=lambda: NOW)


async def settle(pilot: Pilot[Any]) -> None:
    """Workers done, results on screen, no blinking cursors."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause(0.1)  # the preview follows the cursor after a short rest


def keys(*steps: str) -> Any:
    """Press each step's comma-separated keys, letting the app settle after every step."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for step in steps:
            await pilot.press(*step.split(","))
            await settle(pilot)

    return run


def test_journal_screen(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(demo_app(store), terminal_size=(100, 30), run_before=keys("down,down"))


def test_journal_screen_at_80x24_filtered(store: JournalStore, snap_compare: Any) -> None:
    run = keys("slash," + ",".join("customer"), "tab,enter,f,enter")  # text; kind feedback
    assert snap_compare(demo_app(store), terminal_size=(80, 24), run_before=run)


def test_unreadable_period(store: JournalStore, snap_compare: Any) -> None:
    run = keys("slash,tab,tab,tab,tab," + ",".join("last blue moon"))
    assert snap_compare(demo_app(store), terminal_size=(100, 30), run_before=run)


def test_editor_on_feedback(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(demo_app(store), terminal_size=(100, 30), run_before=keys("e"))


def test_help(store: JournalStore, snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Only this module's screens: the goals/skills/review keys are theirs to change.
    monkeypatch.setattr("screens.help.OTHER_SCREENS", ())
    assert snap_compare(demo_app(store), terminal_size=(100, 30), run_before=keys("f1"))

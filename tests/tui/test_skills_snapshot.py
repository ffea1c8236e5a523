"""SVG snapshots of the Skills screen on the demo journal: fixed size, fixed clock."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from journal.demo.year import build_demo
from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from tests.tui.test_skills import NOW, settle


def demo_app(store: JournalStore) -> JournalApp:
    build_demo(store, now=NOW)
    return make_app(store, now=lambda: NOW)


async def _skills(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)


async def _feedback_picker(pilot: Pilot[None]) -> None:
    await _skills(pilot)
    await pilot.press("f")
    await settle(pilot)


def test_skills_screen_on_demo(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(demo_app(store), terminal_size=(100, 30), run_before=_skills)


def test_feedback_picker_on_demo(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(demo_app(store), terminal_size=(100, 30), run_before=_feedback_picker)

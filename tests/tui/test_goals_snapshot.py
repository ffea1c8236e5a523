"""SVG snapshots of the Goals screen: fixed size, fixed clock.

One on the demo journal (regenerate with --snapshot-update when journal/demo.py changes),
one at 80x24 on a small journal of its own: markup-looking titles, stale marks.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from journal.demo.year import build_demo
from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from tests.tui.helpers import DEMO_NOW
from tests.tui.test_goals import settle


def demo_app(store: JournalStore) -> JournalApp:
    build_demo(store, now=DEMO_NOW)
    return make_app(store, now=lambda: DEMO_NOW)


async def _goals(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)


async def _on_revenue(pilot: Pilot[None]) -> None:
    await _goals(pilot)
    await pilot.press("down", "down", "down")
    await pilot.pause()


def small_app(store: JournalStore) -> JournalApp:
    store.goals.add(
        "Grow [bold]enterprise[/] revenue",
        code="revenue",
        measure="ARR",
        target="+30%",
        due="2026-06-30",
    )
    store.goals.add("Win three deals", code="deals", parent="revenue")
    store.goals.add("Cut checkout latency [/]", code="latency")
    store.goals.add(
        "Influence across teams",
        code="influence",
        scope="personal",
        supports=["revenue", "latency"],
        notes="Ask [link=x]Priya[/link]",
    )
    store.goals.add("Old launch", code="launch", status="done")
    store.entries.add("win", "Signed Acme", when="2026-03-01 10:00", goals=["deals"])
    store.entries.add("note", "p95 at 900 ms", when="2025-11-20 10:00", goals=["latency"])
    return make_app(store, now=lambda: DEMO_NOW)


def test_goals_screen_on_demo(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(demo_app(store), terminal_size=(100, 30), run_before=_goals)


def test_goals_screen_at_80x24(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(small_app(store), terminal_size=(80, 24), run_before=_on_revenue)

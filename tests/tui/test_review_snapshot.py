"""SVG snapshots of the review screen at 80x24: a saved review on the sample journal."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from textual.pilot import Pilot

from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app
from tests.tui.helpers import settle as shared_settle
from tests.unit.golden.sample import build_sample, sample_review

# the sample journal is reviewed the week after H1 ends, not at the TUI tests' NOW
REVIEW_NOW = datetime(2026, 7, 6, 10, 0, tzinfo=timezone(timedelta(hours=1)))


def reviewed_app(store: JournalStore) -> JournalApp:
    ids = build_sample(store)
    store.reviews.save(sample_review(ids))
    return make_app(store, now=lambda: REVIEW_NOW)


async def settle(pilot: Pilot[None]) -> None:
    await shared_settle(pilot, rounds=3)


async def _overview(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)


async def _goal(pilot: Pilot[None]) -> None:
    await _overview(pilot)
    await pilot.press("down")
    await settle(pilot)


def test_review_overview_at_80x24(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(reviewed_app(store), terminal_size=(80, 24), run_before=_overview)


def test_review_goal_at_80x24(store: JournalStore, snap_compare: Any) -> None:
    assert snap_compare(reviewed_app(store), terminal_size=(80, 24), run_before=_goal)

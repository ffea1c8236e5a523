"""The demo journal gives the coach something to say: nudges of several kinds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from journal.coach.nudges import nudges
from journal.coach.streak import review_days, streak
from journal.demo.year import build_demo
from journal.store.journal_store import JournalStore

NOW = datetime(2026, 6, 17, 18, 0, tzinfo=timezone(timedelta(hours=2)))


def test_demo_produces_several_nudge_kinds(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal.json")
    build_demo(store, NOW)
    found = nudges(store, NOW)
    kinds = {n.kind for n in found}
    assert {
        "off-track",
        "review-coming",
        "weekly-review-due",
        "feedback-to-act-on",
        "unsmart-goal",
    } <= kinds
    weekly = next(n for n in found if n.kind == "weekly-review-due")
    assert weekly.reason == "last weekly review 8 days ago (2026-06-09); streak: 4 weeks"
    assert streak(review_days(store.raw_entries()), NOW.date()) == 4

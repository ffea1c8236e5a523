"""The demo journal has plan steps, agreements and 1:1 notes, so every planning view is full."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from journal.demo.year import build_demo
from journal.planning.agenda import action_items, build_agenda, meetings
from journal.planning.develop import woven_through
from journal.store.journal_store import JournalStore

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def test_the_demo_has_plans_agreements_and_one_on_ones(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "demo.json")
    build_demo(store, now=NOW)
    goals = {g["code"]: g for g in store.goals.all()}
    assert sum(len(g.get("steps") or []) for g in goals.values()) >= 5
    assert woven_through(goals["influence"], goals.values())  # woven in by a step
    assert goals["influence"]["agreement"]["with"] == "Priya"
    entries = list(store.raw_entries())
    assert len(meetings(entries, "Priya")) == 2
    items = action_items(entries)
    assert [bool(a.done_on) for a in items] == [True, True, True, False]
    agenda = build_agenda(entries, store.goals.all(), store.skills.all(), NOW.date(), who="Priya")
    assert agenda.open_actions and agenda.asks and agenda.personal and agenda.wins

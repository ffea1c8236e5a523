"""journal/records.py names every field the program writes: checked on the demo year and
the review sample (every record kind, reviews included), and entry_order's contract."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, get_type_hints

from journal.demo.year import build_demo
from journal.records import Entry, Goal, Review, Skill, entry_order
from journal.store.journal_store import JournalStore
from tests.unit.golden.sample import build_sample, sample_review

NOW = datetime(2026, 6, 30, 17, 0, tzinfo=timezone(timedelta(hours=2)))


def undeclared(records: list[dict[str, Any]], shape: type) -> set[str]:
    declared = set(get_type_hints(shape))
    return {name for record in records for name in record} - declared


def test_every_field_the_demo_writes_is_declared(store: JournalStore) -> None:
    build_demo(store, now=NOW)
    assert store.entries.all() and store.goals.all() and store.skills.all()
    assert undeclared(store.entries.all(), Entry) == set()
    assert undeclared(store.goals.all(), Goal) == set()
    assert undeclared(store.skills.all(), Skill) == set()
    assert undeclared(store.reviews.all(), Review) == set()


def test_every_field_a_saved_review_holds_is_declared(store: JournalStore) -> None:
    ids = build_sample(store)
    store.reviews.save(sample_review(ids))
    assert store.reviews.all()
    assert undeclared(store.reviews.all(), Review) == set()
    assert undeclared(store.entries.all(), Entry) == set()
    assert undeclared(store.goals.all(), Goal) == set()
    assert undeclared(store.skills.all(), Skill) == set()


def test_the_new_optional_fields_are_declared() -> None:
    """The shared interfaces of the progress, planning and forms features."""
    assert {"value", "confidence", "impact"} <= set(get_type_hints(Entry))
    assert {"metric", "milestones", "steps", "agreement"} <= set(get_type_hints(Goal))
    assert {"form", "answers"} <= set(get_type_hints(Review))


def test_entry_order_is_the_local_time_written() -> None:
    paris = {"when": "2026-03-02T09:00:00+01:00"}
    tokyo = {"when": "2026-03-02T08:59:59+09:00"}
    assert entry_order(paris) == "2026-03-02T09:00:00"
    assert sorted([paris, tokyo], key=entry_order) == [tokyo, paris]  # offsets ignored

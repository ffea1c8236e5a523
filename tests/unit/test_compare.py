"""Comparing two review cycles, on two hand-built reviews with known differences."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.periods import Period
from journal.review.assess import assess_store
from journal.review.assessment import Assessment
from journal.review.compare import (
    Comparison,
    actions_of,
    compare,
    previous_review,
    to_data,
    to_markdown,
)
from journal.review.saved import new_review, set_rating
from journal.store.journal_store import JournalStore

TZ = timezone(timedelta(hours=1))
H1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1 2026")
H2 = Period(date(2026, 7, 1), date(2026, 12, 31), "H2 2026")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.fixture
def cycles(store: JournalStore) -> Comparison:
    store.goals.add("Grow revenue", code="revenue")
    store.goals.add("Cut latency", code="latency")
    store.skills.add("Presenting to leadership", code="presenting")
    add = store.entries.add
    add("win", "Signed Acme", when=at("2026-02-01 10:00"), goals=["revenue"])
    add("win", "Signed Initech", when=at("2026-03-01 10:00"), goals=["revenue"])
    add("feedback", "Great demo", when=at("2026-03-02 10:00"), source="Priya", sentiment="praise")
    add(
        "feedback",
        "Too long",
        when=at("2026-04-02 10:00"),
        source="Priya",
        sentiment="constructive",
    )
    add("win", "Globex renewal", when=at("2026-08-01 10:00"), goals=["revenue"])
    add("note", "Profiled checkout", when=at("2026-09-01 10:00"), goals=["latency"])
    add("win", "p95 -34%", when=at("2026-10-01 10:00"), goals=["latency"])
    add("reflection", "Demo to the VP", when=at("2026-11-01 10:00"), skills=["presenting"])
    add("feedback", "Clear plan", when=at("2026-11-02 10:00"), sentiment="praise")
    add("feedback", "Clear deck", when=at("2026-11-03 10:00"), sentiment="praise")
    add("feedback", "Mixed", when=at("2026-11-04 10:00"), sentiment="mixed")
    ids = {g["code"]: g["id"] for g in store.goals.all()}
    first = new_review(H1)
    set_rating(first, ids["revenue"], "Met")
    set_rating(first, ids["latency"], "Partially met")
    first["next_steps"] = (
        "- Present monthly to the VP (presenting)\n"
        "- Profile checkout for latency\n"
        "- Read a book on negotiation"
    )
    second = new_review(H2)
    set_rating(second, ids["revenue"], "Exceeded")
    set_rating(second, ids["latency"], "Partially met")
    first, second = store.reviews.save(first), store.reviews.save(second)
    today = date(2027, 1, 10)
    before: Assessment = assess_store(store, H1, first, today)
    after: Assessment = assess_store(store, H2, second, today)
    return compare(before, after, store.raw_entries(), store.goals.all(), store.skills.all())


def test_ratings_and_evidence_per_goal(cycles: Comparison) -> None:
    rows = {g.code: g for g in cycles.goals}
    assert (rows["revenue"].rating_before, rows["revenue"].rating_after) == ("Met", "Exceeded")
    assert rows["revenue"].rating_step == 1
    assert rows["latency"].rating_step == 0
    assert (rows["revenue"].evidence_before, rows["revenue"].evidence_after) == (2, 1)
    assert (rows["latency"].evidence_before, rows["latency"].evidence_after) == (0, 2)


def test_feedback_balance(cycles: Comparison) -> None:
    fb, fa = cycles.feedback_before, cycles.feedback_after
    assert (fb.praise, fb.constructive, fb.mixed, fb.total) == (1, 1, 0, 2)
    assert (fa.praise, fa.constructive, fa.mixed, fa.total) == (2, 0, 1, 3)


def test_actions_with_evidence_since(cycles: Comparison) -> None:
    acts = cycles.actions
    assert [a.text for a in acts] == [
        "Present monthly to the VP (presenting)",
        "Profile checkout for latency",
        "Read a book on negotiation",
    ]
    assert acts[0].skills == ["presenting"]
    assert [e["title"] for e in acts[0].since] == ["Demo to the VP"]
    assert acts[1].goals == ["latency"]
    assert [e["title"] for e in acts[1].since] == ["Profiled checkout", "p95 -34%"]
    assert acts[2].goals == [] and acts[2].since == []


def test_markdown_and_json(cycles: Comparison) -> None:
    md = to_markdown(cycles)
    assert "| Grow revenue (`revenue`) | Met | Exceeded | up 1 | 2 | 1 |" in md
    assert "| Cut latency (`latency`) | Partially met | Partially met | same | 0 | 2 |" in md
    assert "| Before | 1 | 1 | 0 | 2 |" in md and "| After | 2 | 0 | 1 | 3 |" in md
    assert "  - 2026-11-01: Demo to the VP (reflection)" in md
    assert "names no goal or skill code" in md
    data = to_data(cycles)
    assert data["before"]["period"]["label"] == "H1 2026"
    assert data["goals"][0] == {
        "code": "revenue",
        "title": "Grow revenue",
        "rating_before": "Met",
        "rating_after": "Exceeded",
        "rating_step": 1,
        "evidence_before": 2,
        "evidence_after": 1,
        "progress_before": None,  # no metric: nothing to measure
        "progress_after": None,
    }
    assert "## Progress" not in md
    assert data["feedback"]["after"]["praise"] == 2
    assert [e["title"] for e in data["actions"][1]["evidence_since"]] == [
        "Profiled checkout",
        "p95 -34%",
    ]


def test_actions_of_plain_lines() -> None:
    assert actions_of("Do A\n\nDo B\n") == ["Do A", "Do B"]
    assert actions_of("Intro\n- A\n* B\n1. C") == ["A", "B", "C"]


def test_previous_review() -> None:
    r1 = {"id": "r1", "period": {"start": "2025-07-01", "end": "2025-12-31"}}
    r2 = {"id": "r2", "period": {"start": "2026-01-01", "end": "2026-06-30"}}
    r3 = {"id": "r3", "period": {"start": "2026-07-01", "end": "2026-12-31"}}
    assert previous_review(r3, [r1, r2, r3]) is r2
    assert previous_review(r2, [r3, r2, r1]) is r1
    assert previous_review(r1, [r1, r2, r3]) is None


def test_progress_at_each_cycles_end(store: JournalStore) -> None:
    """A measurable goal shows where it stood at the end of each cycle; others show none."""
    from journal.goal_metrics import add_checkin

    store.goals.add("Grow revenue", code="revenue")
    metric = {"unit": "ms", "baseline": 400.0, "target": 200.0, "start": "2026-01-01"}
    store.goals.add("Cut latency", code="latency", due="2026-12-31", metric=metric)
    add_checkin(store, "latency", "350", when=at("2026-05-01 10:00"))  # 25% by H1's end
    add_checkin(store, "latency", "250", when=at("2026-11-01 10:00"))  # 75% by H2's end
    first, second = store.reviews.save(new_review(H1)), store.reviews.save(new_review(H2))
    today = date(2027, 1, 10)
    c = compare(
        assess_store(store, H1, first, today),
        assess_store(store, H2, second, today),
        store.raw_entries(),
        store.goals.all(),
        store.skills.all(),
    )
    by_code = {g.code: g for g in c.goals}
    latency = by_code["latency"]
    assert latency.progress_before is not None and latency.progress_after is not None
    assert round(latency.progress_before.percent or 0) == 25
    assert round(latency.progress_after.percent or 0) == 75
    assert by_code["revenue"].progress_before is None
    data = {g["code"]: g for g in to_data(c)["goals"]}
    assert data["latency"]["progress_after"]["current"] == 250
    assert data["revenue"]["progress_before"] is None
    text = to_markdown(c)
    assert "## Progress" in text and "| Cut latency (`latency`) | 25% (" in text
    assert "75% (" in text and "`revenue`) | -" not in text.split("## Progress")[1].split("##")[0]

"""Balanced evidence: the recency rule at its boundary, numbers and links, readiness."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from journal.periods import Period
from journal.review.assess import assess_store
from journal.review.balance import balance, concrete, quarters, recency_warning, recent_start
from journal.review.saved import new_review, set_narrative, set_rating
from journal.store.journal_store import JournalStore

TZ = timezone(timedelta(hours=1))
# 100 days: the last quarter starts on day 75 (counting from 0), 17 Mar 2026
P = Period(date(2026, 1, 1), date(2026, 4, 10), "spring")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=TZ)


def test_recent_start() -> None:
    assert (P.end - P.start).days + 1 == 100
    assert recent_start(P) == date(2026, 3, 17)  # P.start + 75 days
    h1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1")
    assert recent_start(h1) == date(2026, 5, 16)
    assert recent_start(h1, as_of=date(2026, 2, 9)) == date(2026, 1, 31)  # a running period


def _goal_with(store: JournalStore, days: list[date]) -> bool:
    store.goals.add("Grow revenue", code="revenue")
    for n, day in enumerate(days):
        store.entries.add("win", f"Win {n}", when=at(day), goals=["revenue"])
    a = assess_store(store, P, None, date(2026, 5, 1))
    return recency_warning(a.goals[0], P, a.as_of)


def test_exactly_half_in_the_last_quarter_is_no_warning(store: JournalStore) -> None:
    boundary = recent_start(P)
    days = [date(2026, 1, 5), date(2026, 2, 5), boundary, boundary + timedelta(days=3)]
    assert _goal_with(store, days) is False


def test_more_than_half_is_a_warning_and_the_first_day_counts(store: JournalStore) -> None:
    boundary = recent_start(P)
    days = [date(2026, 1, 5), boundary, boundary + timedelta(days=1)]
    assert _goal_with(store, days) is True


def test_the_day_before_the_last_quarter_does_not_count(store: JournalStore) -> None:
    boundary = recent_start(P)
    days = [date(2026, 1, 5), boundary - timedelta(days=1), boundary]
    assert _goal_with(store, days) is False


def test_concrete_evidence() -> None:
    assert concrete({"title": "Cut p95 by 34%", "body": ""})
    assert concrete({"title": "Saved $40k", "body": ""})
    assert concrete({"title": "Notes", "body": "see https://wiki.example/x"})
    assert concrete({"title": "Onboarded 12 customers", "body": ""})
    assert concrete({"title": "Shipped", "body": "", "impact": "faster"})
    assert not concrete({"title": "Ran the Q2 demo in 2026", "body": ""})
    assert not concrete({"title": "Paired with Sam", "body": ""})


def test_quarters_of_a_period() -> None:
    h1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1")
    assert [q for q, _, _ in quarters(h1, date(2026, 12, 1))] == ["Q1", "Q2"]
    assert quarters(h1, date(2026, 2, 1))[-1][2] == date(2026, 2, 1)
    span = Period(date(2025, 11, 1), date(2026, 2, 1), "winter")
    assert [q for q, _, _ in quarters(span, date(2026, 3, 1))] == ["Q4 2025", "Q1 2026"]


def test_readiness_and_to_do(store: JournalStore) -> None:
    h1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1 2026")
    store.goals.add("Grow revenue", code="revenue")
    store.goals.add("Cut latency", code="latency")
    store.goals.add("Hire", code="hiring")
    store.entries.add(
        "win", "Signed Acme", when=at(date(2026, 2, 1)), goals=["revenue"], starred=True
    )
    store.entries.add(
        "win",
        "Signed Globex",
        when=at(date(2026, 5, 1)),
        goals=["revenue"],
        starred=True,
        impact="$1.2M ARR",
    )
    store.entries.add(
        "win", "Profiled checkout", when=at(date(2026, 6, 20)), goals=["latency"], starred=True
    )
    review = new_review(h1)
    ids = {g["code"]: g["id"] for g in store.goals.all()}
    set_rating(review, ids["revenue"], "Met")
    set_narrative(review, ids["revenue"], "Two deals.")
    result = balance(assess_store(store, h1, review, date(2026, 7, 10)))
    assert result.todo == [
        "add evidence for `hiring` (none in H1 2026)",
        "rate 2 goals",
        "write the narrative for 2 goals",
        "write the overall summary",
        "add impact to 2 starred wins (journal edit ID --impact TEXT)",
        "`latency`: most of its evidence is from the last quarter of the period; look for "
        "earlier work",
        "Q1 has no evidence for `latency`",
        "only 33% of the evidence has a number or a link: add the metric to a few entries",
    ]
    assert result.recency == ["latency"] and result.starred_wins_without_impact == 2
    assert 0 < result.score < 60
    for code in ("latency", "hiring"):
        set_rating(review, ids[code], "Met")
        set_narrative(review, ids[code], "Done.")
    review["summary"] = "A good half."
    better = balance(assess_store(store, h1, review, date(2026, 7, 10)))
    assert better.score > result.score


def test_a_complete_review_scores_100(store: JournalStore) -> None:
    h1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1 2026")
    store.goals.add("Grow revenue", code="revenue")
    store.entries.add(
        "win", "Signed Acme", when=at(date(2026, 2, 1)), goals=["revenue"], impact="$1M"
    )
    store.entries.add("win", "Renewal +20%", when=at(date(2026, 5, 1)), goals=["revenue"])
    review = new_review(h1)
    gid = store.goals.all()[0]["id"]
    set_rating(review, gid, "Met")
    set_narrative(review, gid, "Two deals.")
    review["summary"] = "Good."
    result = balance(assess_store(store, h1, review, date(2026, 7, 10)))
    assert (result.score, result.todo) == (100, [])


def test_form_answers_count_instead_of_narratives(store: JournalStore) -> None:
    h1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1 2026")
    store.goals.add("Grow revenue", code="revenue")
    a = assess_store(store, h1, None, date(2026, 7, 10))
    result = balance(a, answered=1, questions=4, over_limit=1)
    assert "answer 3 questions of the form" in result.todo
    assert "shorten 1 answer over its limit" in result.todo
    assert not any("narrative" in t or "summary" in t for t in result.todo)

"""The assessment on a hand-built journal with known answers (see golden/sample.py)."""

from __future__ import annotations

from datetime import date

import pytest

from journal.errors import ValidationError
from journal.goals import STALE_DAYS
from journal.periods import Period
from journal.review.assess import assess, assess_store
from journal.review.assessment import Assessment
from journal.review.saved import (
    DEFAULT_SCALE,
    new_review,
    review_period,
    set_excluded,
    set_rating,
    unique_title,
)
from journal.store.journal_store import JournalStore
from tests.unit.golden.sample import H1, TODAY, build_sample, sample_review


@pytest.fixture
def sample(store: JournalStore) -> tuple[JournalStore, dict[str, str]]:
    return store, build_sample(store)


def run(
    sample: tuple[JournalStore, dict[str, str]], review: dict | None = None, period: Period = H1
) -> Assessment:
    store, _ = sample
    return assess_store(store, period, review, TODAY)


def by_code(a: Assessment) -> dict[str, object]:
    return {g.code: g for g in a.all_goals()}


def evidence_ids(a: Assessment, code: str) -> list[str]:
    return [e.id for e in by_code(a)[code].evidence]  # type: ignore[attr-defined]


def test_top_level_company_goals_in_creation_order_with_sub_goals_nested(sample) -> None:
    a = run(sample)
    assert [g.code for g in a.goals] == ["revenue", "latency", "hiring"]
    assert [c.code for c in a.goals[0].children] == ["enterprise"]
    assert [g.code for g in a.company_goals()] == ["revenue", "enterprise", "latency", "hiring"]
    assert [g.code for g in a.personal] == ["influence", "mentor"]


def test_roll_up_through_sub_goals_and_personal_goals_starred_first_then_newest(sample) -> None:
    _, ids = sample
    a = run(sample)
    # e9 (starred, 30 Jun) and e3 (starred, 14 Feb) lead; then newest first.
    assert evidence_ids(a, "revenue") == [ids[n] for n in ("e9", "e3", "e8", "e7", "e4", "e2")]
    revenue = a.goals[0]
    assert revenue.counts == {"feedback": 4, "win": 2}
    assert revenue.latest == date(2026, 6, 30)
    via = {e.id: e.via for e in revenue.evidence}
    assert via[ids["e2"]] == (ids["enterprise"],)
    assert via[ids["e4"]] == (ids["influence"],)
    assert via[ids["e3"]] == ()
    # A personal goal that hangs under a company goal (parent) rolls up too.
    assert evidence_ids(a, "hiring") == [ids["e5"], ids["e6"]]
    assert evidence_ids(a, "enterprise") == [ids["e9"], ids["e2"]]


def test_period_boundaries_are_inclusive(sample) -> None:
    _, ids = sample
    found = evidence_ids(run(sample), "revenue")
    assert ids["e2"] in found  # 1 Jan 09:00, the first day
    assert ids["e9"] in found  # 30 Jun 23:59, the last minute
    assert ids["e1"] not in found  # 31 Dec 2025 23:30
    assert ids["e10"] not in found  # 1 Jul 00:00


def test_gaps_and_stale(sample) -> None:
    a = run(sample)
    assert [g.code for g in a.gaps] == ["latency"]  # its only evidence is from 2025
    assert [g.code for g in a.stale] == ["hiring"]  # latest 20 Mar < 30 Jun - 60 days
    assert a.goals[2].latest == date(2026, 3, 20)


def test_stale_is_measured_from_today_while_the_period_is_running(sample) -> None:
    year = Period(date(2026, 1, 1), date(2026, 12, 31), "2026")
    store, _ = sample
    early = assess_store(store, year, None, date(2026, 4, 1))
    assert early.as_of == date(2026, 4, 1)
    assert "hiring" not in [g.code for g in early.stale]  # 12 days old on 1 Apr
    late = assess_store(store, year, None, date(2026, 12, 31))
    assert "hiring" in [g.code for g in late.stale]
    assert STALE_DAYS == 60


def test_stale_boundary_is_exactly_sixty_days(store: JournalStore) -> None:
    store.goals.add("Ship it", code="ship")
    store.entries.add("win", "on the edge", when="2026-05-01 12:00", goals=["ship"])
    period = Period(date(2026, 1, 1), date(2026, 6, 30), "H1")
    assert assess_store(store, period).stale == []  # 30 Jun - 60 days = 1 May: not older
    store.goals.add("Other", code="other")
    store.entries.add("win", "a day earlier", when="2026-04-30 12:00", goals=["other"])
    assert [g.code for g in assess_store(store, period).stale] == ["other"]


def test_feedback_counts_sources_themes_and_items_not_yet_a_skill(sample) -> None:
    _, ids = sample
    fb = run(sample).feedback
    assert (fb.counts.total, fb.counts.praise, fb.counts.constructive, fb.counts.mixed) == (
        5,
        2,
        2,
        1,
    )
    assert list(fb.by_source) == ["Priya", "Marco (VP Sales)", "(no source)"]
    priya = fb.by_source["Priya"]
    assert (priya.total, priya.praise, priya.constructive, priya.mixed) == (3, 1, 1, 1)
    assert {tag: c.total for tag, c in fb.themes.items()} == {"communication": 3, "writing": 2}
    # e4 became the "presenting" skill; e7 has not been turned into one yet.
    assert [e["id"] for e in fb.without_skill] == [ids["e7"]]


def test_skills_with_practice_in_the_period_and_their_origin(sample) -> None:
    _, ids = sample
    skills = {s.code: s for s in run(sample).skills}
    assert list(skills) == ["modelling", "presenting"]
    presenting = skills["presenting"]
    assert [e["id"] for e in presenting.practice] == [ids["e8"], ids["e12"]]
    assert [e["id"] for e in presenting.origins] == [ids["e4"]]
    assert presenting.skill["level"] == 2 and presenting.skill["target_level"] == 4
    assert skills["modelling"].practice == []


def test_personal_goals_keep_measure_target_due_and_supports(sample) -> None:
    _, ids = sample
    influence = by_code(run(sample))["influence"]
    assert influence.goal["measure"] == "Cross-team proposals adopted"  # type: ignore[attr-defined]
    assert influence.goal["due"] == "2026-06-30"  # type: ignore[attr-defined]
    assert influence.supports == ["Grow enterprise revenue"]  # type: ignore[attr-defined]
    assert evidence_ids(run(sample), "influence") == [ids["e8"], ids["e4"]]


def test_months_chart_counts_evidence_per_month(sample) -> None:
    a = run(sample)
    assert a.months == [(2026, m) for m in range(1, 7)]
    assert a.goals[0].months == [1, 1, 1, 1, 1, 1]
    assert a.goals[2].months == [0, 1, 1, 0, 0, 0]


def test_chart_stops_at_today_and_never_spans_centuries(sample) -> None:
    store, _ = sample
    year = Period(date(2026, 1, 1), date(2026, 12, 31), "2026")
    assert assess_store(store, year, None, date(2026, 3, 15)).months[-1] == (2026, 3)
    everything = Period(date(1900, 1, 1), date(2999, 12, 31), "all")
    months = assess_store(store, everything, None, TODAY).months
    assert months[0] == (2025, 10) and months[-1] == (2026, 7)


def test_readiness_without_and_with_a_review(sample) -> None:
    _, ids = sample
    r = run(sample).readiness
    assert (r.goals, r.with_evidence, r.rated, r.narrated, r.summary) == (3, 2, 0, 0, False)
    r = run(sample, sample_review(ids)).readiness
    assert (r.goals, r.with_evidence, r.rated, r.narrated, r.summary) == (3, 2, 2, 2, True)
    assert not r.ready


def test_a_saved_review_applies_ratings_narratives_and_dropped_evidence(sample) -> None:
    _, ids = sample
    review = sample_review(ids)
    a = run(sample, review)
    revenue = a.goals[0]
    assert revenue.rating == "Exceeded"
    assert revenue.narrative.startswith("Signed Acme")
    assert ids["e4"] not in [e.id for e in revenue.evidence]
    assert ids["e4"] in [e.id for e in revenue.found]
    assert revenue.counts == {"feedback": 3, "win": 2}
    assert a.title == "H1 2026 self-assessment" and a.status == "draft"
    assert a.scale == DEFAULT_SCALE
    assert {s.code: s.narrative for s in a.skills}["presenting"].startswith("Two exec demos")
    # Dropping every piece of evidence makes the goal a gap.
    for ev in revenue.found:
        set_excluded(review, ids["revenue"], ev.id, True)
    set_excluded(review, ids["revenue"], ids["e2"], False)
    again = run(sample, review)
    assert evidence_ids(again, "revenue") == [ids["e2"]]


def test_done_and_dropped_goals_only_show_with_evidence(store: JournalStore) -> None:
    store.goals.add("Old goal", code="old", status="done")
    store.goals.add("Dropped goal", code="dropped", status="dropped")
    store.entries.add("win", "late win", when="2026-02-01", goals=["dropped"])
    a = assess_store(store, H1)
    assert [g.code for g in a.goals] == ["dropped"]
    assert a.gaps == [] and a.readiness.goals == 1


def test_assess_is_pure_and_accepts_plain_records() -> None:
    goals = [
        {"id": "g1", "code": "a", "title": "A", "scope": "company", "parent": None, "supports": []}
    ]
    entries = [
        {
            "id": "e1",
            "kind": "win",
            "when": "2026-03-01T10:00:00+00:00",
            "title": "t",
            "goals": ["g1"],
            "skills": [],
            "tags": [],
        }
    ]
    a = assess(entries, goals, [], H1)
    assert a.goals[0].counts == {"win": 1} and a.entry_count == 1


def test_review_records() -> None:
    review = new_review(H1)
    assert review["title"] == "H1 2026 self-assessment"
    assert review_period(review) == H1
    with pytest.raises(ValidationError, match="not on the scale"):
        set_rating(review, "g1", "Amazing")
    set_rating(review, "g1", "Met")
    set_rating(review, "g1", None)
    assert review["goals"]["g1"]["rating"] is None
    assert unique_title("Q1", ["q1", "Q1 (2)"]) == "Q1 (3)"
    with pytest.raises(ValidationError, match="no readable period"):
        review_period({"title": "broken", "period": {"start": "soon"}})


def test_saved_review_round_trips_through_the_store(sample) -> None:
    store, ids = sample
    saved = store.reviews.save(sample_review(ids))
    assert saved["id"].startswith("r")
    loaded = store.reviews.get("h1 2026 self-assessment")
    a = run(sample, loaded)
    assert a.goals[0].rating == "Exceeded" and a.review_id == saved["id"]


def test_a_goal_done_in_the_period_shows_without_evidence(store: JournalStore) -> None:
    store.goals.add("Launch the beta", code="beta", status="done", due="2026-05-31")
    store.goals.add("Old launch", code="old", status="done", due="2025-05-31")
    a = assess_store(store, H1)
    [beta] = a.goals
    assert beta.code == "beta" and beta.done_in_period and not beta.evidence
    assert a.gaps == [] and a.readiness.with_evidence == 1


def test_done_on_is_recorded_and_cleared(store: JournalStore) -> None:
    goal = store.goals.add("Launch the beta", code="beta")
    assert "done_on" not in goal
    done = store.goals.update("beta", status="done")
    assert done["done_on"] == store.now_iso()[:10]
    assert "done_on" not in store.goals.update("beta", status="active")


def test_an_overdue_active_goal_is_flagged(store: JournalStore) -> None:
    store.goals.add("Ship the beta", code="beta", due="2026-03-31")
    store.goals.add("Ship the GA", code="ga", due="2026-12-31")
    store.goals.add("Shipped", code="shipped", due="2026-03-31", status="done")
    a = assess_store(store, H1)
    assert [g.code for g in a.overdue] == ["beta"]
    from journal.export.assessment import render

    assert "overdue: due 31 Mar 2026" in render(a, "md")

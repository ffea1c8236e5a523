"""Each nudge kind on hand-built journals with a fixed now, boundaries and snoozes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from journal.coach.nudges import Nudge, nudges
from journal.coach.settings import CoachSettings
from journal.coach.snoozes import Snoozes, from_meta

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
TODAY = NOW.date()


def ago(days: int) -> str:
    return f"{(TODAY - timedelta(days=days)).isoformat()}T10:00:00+01:00"


def entry(ident: str, days: int, kind: str = "win", **fields: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "kind": kind,
        "when": ago(days),
        "title": f"entry {ident}",
        "body": "",
        "tags": [],
        "goals": [],
        "skills": [],
        **fields,
    }


def goal(ident: str, code: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "code": code,
        "title": code.title(),
        "scope": "company",
        "status": "active",
        "supports": [],
        "parent": None,
        "created": ago(100),
        **fields,
    }


def only(found: list[Nudge], kind: str) -> list[Nudge]:
    return [n for n in found if n.kind == kind]


def weekly(ident: str, days: int) -> dict[str, Any]:
    return entry(ident, days, "reflection", tags=["weekly"])


def run(**tables: Any) -> list[Nudge]:
    tables.setdefault("entries", [weekly("e999", 0)])
    return nudges(tables, NOW, CoachSettings())


@pytest.mark.parametrize(("days", "fires"), [(29, False), (30, True), (31, True)])
def test_quiet_goal_fires_at_thirty_days_without_evidence(days: int, fires: bool) -> None:
    found = run(
        goals=[goal("g1", "revenue")], entries=[entry("e1", days, goals=["g1"]), weekly("e9", 0)]
    )
    quiet = only(found, "quiet-goal")
    assert bool(quiet) is fires
    if fires:
        assert quiet[0].about == "revenue"
        assert f"{days} days" in quiet[0].reason
        assert quiet[0].action == 'journal add win "WHAT YOU DID" --goal revenue'
        assert quiet[0].tui_key == "g"


def test_quiet_goal_counts_personal_goal_evidence_and_skips_done_goals() -> None:
    goals = [
        goal("g1", "revenue"),
        goal("g2", "influence", scope="personal", supports=["g1"]),
        goal("g3", "old", status="done"),
    ]
    found = run(goals=goals, entries=[entry("e1", 3, goals=["g2"]), weekly("e9", 0)])
    assert only(found, "quiet-goal") == []


def test_quiet_goal_without_evidence_counts_from_creation() -> None:
    goals = [goal("g1", "new", created=ago(5)), goal("g2", "stale", created=ago(40))]
    quiet = only(run(goals=goals), "quiet-goal")
    assert [n.about for n in quiet] == ["stale"]
    assert "added 40 days ago" in quiet[0].reason


@pytest.mark.parametrize(("days", "fires"), [(7, False), (8, True)])
def test_feedback_to_act_on_after_seven_days(days: int, fires: bool) -> None:
    fb = entry("e1", days, "feedback", sentiment="constructive", source="Priya")
    found = only(run(entries=[fb, weekly("e9", 0)]), "feedback-to-act-on")
    assert bool(found) is fires
    if fires:
        assert found[0].about == "e1"
        assert found[0].reason == (
            f"constructive feedback from Priya, {days} days old, linked to no skill or "
            "personal goal"
        )
        assert found[0].action == 'journal skill add "SKILL TO DEVELOP" --from-entry e1'


def test_feedback_linked_to_a_skill_or_personal_goal_or_praise_is_quiet() -> None:
    goals = [goal("g1", "revenue"), goal("g2", "influence", scope="personal")]
    items = [
        entry("e1", 20, "feedback", sentiment="mixed", skills=["s1"]),
        entry("e2", 20, "feedback", sentiment="constructive", goals=["g2"]),
        entry("e3", 20, "feedback", sentiment="praise"),
        entry("e4", 20, "feedback", sentiment="constructive"),  # a skill's why names it
        entry("e5", 20, "feedback", sentiment="mixed", goals=["g1"]),  # company only: fires
        entry("e6", 400, "feedback", sentiment="mixed"),  # outside the window
        weekly("e9", 0),
    ]
    skills = [
        {
            "id": "s1",
            "code": "talks",
            "name": "Talks",
            "why": ["e4"],
            "status": "active",
            "created": ago(1),
        }
    ]
    found = only(run(entries=items, goals=goals, skills=skills), "feedback-to-act-on")
    assert [n.about for n in found] == ["e5"]


@pytest.mark.parametrize(("days", "fires"), [(29, False), (30, True)])
def test_idle_skill_needs_a_practice_entry_not_feedback(days: int, fires: bool) -> None:
    skills = [
        {
            "id": "s1",
            "code": "talks",
            "name": "Talks",
            "why": [],
            "status": "active",
            "created": ago(200),
        }
    ]
    items = [
        entry("e1", days, "reflection", skills=["s1"]),
        entry("e2", 1, "feedback", skills=["s1"], sentiment="praise"),
        weekly("e9", 0),
    ]
    found = only(run(entries=items, skills=skills), "idle-skill")
    assert bool(found) is fires
    if fires:
        assert found[0].reason.startswith(f"no practice entry in {days} days")
        assert found[0].action == 'journal add reflection "HOW YOU PRACTISED" --skill talks'


def test_unsmart_personal_goal_says_what_is_missing() -> None:
    goals = [
        goal("g1", "revenue"),
        goal(
            "g2",
            "influence",
            scope="personal",
            measure="talks given",
            target="3",
            due="2027-03-31",
            supports=["g1"],
        ),
        goal("g3", "vague", scope="personal", measure="talks"),
        goal(
            "g4",
            "metric",
            scope="personal",
            due="2027-01-01",
            supports=["g1"],
            metric={"unit": "talks", "baseline": 0, "target": 3, "start": "2026-01-01"},
        ),
    ]
    found = only(
        run(goals=goals, entries=[entry("e1", 1, goals=["g1", "g2", "g3", "g4"]), weekly("e9", 0)]),
        "unsmart-goal",
    )
    assert [n.about for n in found] == ["vague"]
    assert found[0].reason == (
        "missing a target, a due date; supports no company goal (3 of 4 SMART checks fail)"
    )
    assert found[0].action == 'journal goal edit vague --target "T" --due "W" --supports CODE'


@pytest.mark.parametrize(("days", "fires"), [(6, False), (7, True)])
def test_weekly_review_due_after_seven_days_with_the_streak(days: int, fires: bool) -> None:
    found = only(run(entries=[weekly("e1", days), weekly("e2", days + 7)]), "weekly-review-due")
    assert bool(found) is fires
    if fires:
        assert found[0].action == "journal weekly"
        assert found[0].tui_key == "w"
        assert f"{days} days ago" in found[0].reason
        assert "streak:" in found[0].reason


def test_weekly_review_due_when_there_is_none_yet() -> None:
    found = only(run(entries=[]), "weekly-review-due")
    assert found[0].reason == "no weekly review yet; streak: 0 weeks"


def review(end: date, **fields: Any) -> dict[str, Any]:
    return {
        "id": "r1",
        "title": "H2 2026 self-assessment",
        "status": "draft",
        "period": {"start": "2026-07-01", "end": end.isoformat(), "label": "H2 2026"},
        "goals": {},
        **fields,
    }


@pytest.mark.parametrize(("left", "fires"), [(-1, False), (0, True), (30, True), (31, False)])
def test_review_coming_within_thirty_days(left: int, fires: bool) -> None:
    goals = [goal("g1", "revenue"), goal("g2", "quality")]
    items = [entry("e1", 10, goals=["g1"]), weekly("e9", 0)]
    found = only(
        run(goals=goals, entries=items, reviews=[review(TODAY + timedelta(days=left))]),
        "review-coming",
    )
    assert bool(found) is fires
    if fires:
        assert found[0].about == "r1"
        assert "2 goals unrated, 1 with no evidence" in found[0].reason


def test_review_coming_quiet_when_rated_and_covered_or_final() -> None:
    goals = [goal("g1", "revenue")]
    items = [entry("e1", 10, goals=["g1"]), weekly("e9", 0)]
    rated = review(TODAY + timedelta(days=5), goals={"g1": {"rating": "Met"}})
    final = review(TODAY + timedelta(days=5), status="final")
    assert only(run(goals=goals, entries=items, reviews=[rated]), "review-coming") == []
    assert only(run(goals=goals, entries=items, reviews=[final]), "review-coming") == []


def test_snoozed_and_dismissed_nudges_are_hidden_until_their_day() -> None:
    goals = [goal("g1", "revenue"), goal("g2", "quality")]
    snoozes = Snoozes({"quiet-goal:revenue": TODAY}, frozenset({"quiet-goal:quality"}))
    tables = {"goals": goals, "entries": [weekly("e9", 0)]}
    assert only(nudges(tables, NOW, snoozes=snoozes), "quiet-goal") == []
    tomorrow = NOW + timedelta(days=1)
    assert [n.about for n in only(nudges(tables, tomorrow, snoozes=snoozes), "quiet-goal")] == [
        "revenue"
    ]


def test_snoozes_are_read_from_the_meta_record() -> None:
    meta = {
        "coach": {
            "snoozed": {"quiet-goal:revenue": "2026-12-31", "bad": "x"},
            "dismissed": ["weekly-review-due:weekly"],
        }
    }
    assert from_meta(meta).hides("quiet-goal:revenue", TODAY)
    found = nudges({"goals": [goal("g1", "revenue")], "meta": meta}, NOW)
    assert found == []


def test_ranked_most_important_first_and_disabled_kinds_left_out() -> None:
    goals = [
        goal("g1", "revenue", created=ago(90)),
        goal("g2", "quality", created=ago(40)),
        goal("g3", "vague", scope="personal", created=ago(1)),
    ]
    items = [entry("e1", 20, "feedback", sentiment="mixed")]
    found = nudges({"goals": goals, "entries": items}, NOW)
    assert [n.key for n in found] == [
        "weekly-review-due:weekly",
        "feedback-to-act-on:e1",
        "quiet-goal:revenue",
        "quiet-goal:quality",
        "unsmart-goal:vague",
    ]
    settings = CoachSettings(disabled=("quiet-goal", "unsmart-goal"))
    assert {n.kind for n in nudges({"goals": goals, "entries": items}, NOW, settings)} == {
        "weekly-review-due",
        "feedback-to-act-on",
    }


def test_thresholds_come_from_the_settings() -> None:
    tables = {
        "goals": [goal("g1", "revenue")],
        "entries": [entry("e1", 10, goals=["g1"]), weekly("e9", 0)],
    }
    assert only(nudges(tables, NOW), "quiet-goal") == []
    assert only(nudges(tables, NOW, CoachSettings(quiet_goal_days=10)), "quiet-goal")


def test_json_fields() -> None:
    found = nudges({"goals": [goal("g1", "revenue")], "entries": []}, NOW)
    assert set(found[0].as_json()) >= {"kind", "about", "reason", "action"}


def metric_goal(ident: str, code: str, **fields: Any) -> dict[str, Any]:
    metric = {"unit": "deals", "baseline": 0.0, "target": 10.0, "start": ago(100)}
    return goal(ident, code, metric=metric, **fields)


def checkin(ident: str, days: int, goal_id: str, value: float) -> dict[str, Any]:
    return entry(ident, days, "checkin", goals=[goal_id], value=value, confidence=None)


def test_off_track_goal_behind_at_risk_or_overdue() -> None:
    goals = [
        metric_goal("g1", "deals", due=(TODAY + timedelta(days=100)).isoformat()),  # 50%
        metric_goal("g2", "late", due=(TODAY - timedelta(days=3)).isoformat()),
        metric_goal("g3", "fine", due=(TODAY + timedelta(days=100)).isoformat()),
    ]
    items = [
        checkin("e1", 2, "g1", 1.0),
        checkin("e2", 2, "g2", 5.0),
        checkin("e3", 2, "g3", 5.0),
        weekly("e9", 0),
    ]
    found = only(run(goals=goals, entries=items), "off-track")
    assert [n.about for n in found] == ["late", "deals"]
    assert (
        found[0].reason == f"overdue since {(TODAY - timedelta(days=3)).isoformat()} "
        "(3 days), 50% done"
    )
    assert found[1].reason.startswith("at risk: 10% done, 50% expected by now (due ")
    assert found[1].action == "journal checkin deals VALUE"


@pytest.mark.parametrize(("days", "fires"), [(29, False), (30, True)])
def test_no_checkin_on_a_measurable_goal_for_thirty_days(days: int, fires: bool) -> None:
    goals = [metric_goal("g1", "deals"), goal("g2", "plain")]
    items = [checkin("e1", days, "g1", 1.0), entry("e2", 1, goals=["g1", "g2"]), weekly("e9", 0)]
    found = only(run(goals=goals, entries=items), "no-checkin")
    assert bool(found) is fires
    if fires:
        assert found[0].about == "deals"
        assert found[0].reason.startswith(f"no check-in in {days} days (last ")
        assert found[0].action == "journal checkin deals VALUE"

"""Goal progress in the review and its exports: 'baseline → latest → target (percent,
status)' per goal, the period's check-ins, at-risk and overdue goals called out, and a
goal done in the period listed as an achievement even with no linked entry."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.export.assessment import render
from journal.periods import Period
from journal.review.assess import assess_store
from journal.review.assessment import Assessment
from journal.store.journal_store import JournalStore
from tests.unit.test_export import check_golden

H1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1 2026")
TODAY = date(2026, 7, 6)
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 6, 20, 12, 0, tzinfo=TZ)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def metric(baseline: float, target: float, unit: str) -> dict[str, object]:
    return {"unit": unit, "baseline": baseline, "target": target, "start": "2026-01-01"}


@pytest.fixture
def assessment(tmp_path: Path) -> Assessment:
    store = JournalStore(tmp_path / "j.json", clock=lambda: NOW)
    store.goals.add(
        "Cut checkout latency",
        code="latency",
        target="300 ms",
        due="2026-12-31",
        metric=metric(420, 300, "ms"),
    )
    store.goals.add(
        "Win three enterprise deals",
        code="deals",
        target="3 deals",
        due="2026-12-31",
        metric=metric(0, 3, "deals"),
    )
    store.goals.add(
        "Raise NPS", code="nps", target="40%", due="2026-05-31", metric=metric(20, 40, "%")
    )
    store.goals.add(
        "Halve onboarding time",
        code="onboarding",
        target="7 days (from 14)",
        due="2026-12-31",
        metric=metric(14, 7, "days"),
    )
    store.goals.add("Ship the design system", code="design")
    store.goals.add("Influence across teams", code="influence", scope="personal")
    store.goals.update(
        "influence",
        milestones=[
            {"text": "Run the API guild", "due": "2026-03-31", "done_on": "2026-03-15"},
            {"text": "Write the cross-team RFC", "due": None, "done_on": None},
        ],
    )
    store.goals.update("design", status="done")  # done 20 Jun, no entry linked
    store.entries.add_many(
        [
            {
                "kind": "checkin",
                "title": "latency 390",
                "when": at("2026-02-01 09:00"),
                "goals": ["latency"],
                "value": 390.0,
                "body": "cache warmed",
                "confidence": "high",
            },
            {
                "kind": "checkin",
                "title": "latency 360",
                "when": at("2026-06-01 09:00"),
                "goals": ["latency"],
                "value": 360.0,
                "body": "",
                "confidence": None,
            },
            {
                "kind": "checkin",
                "title": "deals 0",
                "when": at("2026-06-15 09:00"),
                "goals": ["deals"],
                "value": 0.0,
                "body": "pipeline only",
                "confidence": "low",
            },
            {
                "kind": "checkin",
                "title": "nps 31",
                "when": at("2026-04-01 09:00"),
                "goals": ["nps"],
                "value": 31.0,
                "body": "",
                "confidence": None,
            },
            {
                "kind": "checkin",
                "title": "onboarding 7",
                "when": at("2026-06-10 09:00"),
                "goals": ["onboarding"],
                "value": 7.0,
                "body": "new runbook",
                "confidence": "high",
            },
            {
                "kind": "checkin",
                "title": "latency last year",
                "when": at("2025-12-01 09:00"),
                "goals": ["latency"],
                "value": 400.0,
                "body": "",
                "confidence": None,
            },
        ]
    )
    return assess_store(store, H1, None, TODAY)


def by_code(a: Assessment) -> dict[str, object]:
    return {r.code: r for r in a.all_goals()}


def test_each_goal_gets_its_progress_as_of_the_period_end(assessment: Assessment) -> None:
    reps = {r.code: r for r in assessment.all_goals()}
    assert reps["latency"].progress is not None
    assert reps["latency"].progress.status == "on track"  # 50% done, 50% expected
    assert [c["value"] for c in reps["latency"].checkins] == [390.0, 360.0]  # not 2025's
    assert reps["deals"].progress.status == "at risk"  # type: ignore[union-attr]
    assert reps["nps"].progress.status == "overdue"  # type: ignore[union-attr]
    assert reps["onboarding"].progress.status == "done"  # type: ignore[union-attr]
    assert reps["influence"].progress.percent == 50  # type: ignore[union-attr]
    assert [g.code for g in assessment.at_risk] == ["deals"]
    assert {g.code for g in assessment.achievements} == {"onboarding", "design"}


def test_markdown_says_baseline_latest_target(assessment: Assessment) -> None:
    md = render(assessment, "md")
    assert "**Progress:** 420 ms \u2192 360 ms \u2192 300 ms (50%, on track)." in md
    assert "1 Feb 2026 \u2014 390 ms (high confidence): cache warmed" in md
    assert "## Achievements" in md and "**Ship the design system** \u2014 done 20 Jun 2026." in md
    assert "**Win three enterprise deals** \u2014 at risk: 0 deals \u2192 0 deals" in md
    assert "**Raise NPS** \u2014 overdue" in md
    check_golden("progress_review.md", md)
    check_golden("progress_review.txt", render(assessment, "txt"))
    assert "420 ms \u2192 360 ms \u2192 300 ms (50%, on track)" in render(assessment, "html")


def test_json_carries_progress_and_call_outs(assessment: Assessment) -> None:
    data = json.loads(render(assessment, "json"))
    goals = {g["code"]: g for g in data["goals"]}
    got = goals["latency"]["progress"]
    assert (got["baseline"], got["current"], got["target"], got["percent"], got["status"]) == (
        420,
        360,
        300,
        50.0,
        "on track",
    )
    assert [c["when"] for c in got["checkins"]] == ["2026-02-01", "2026-06-01"]
    assert data["at_risk"] == ["deals"] and data["overdue"] == ["nps"]
    assert sorted(data["achievements"]) == ["design", "onboarding"]
    check_golden("progress_review.json", render(assessment, "json"))


def test_the_whole_journal_export_shows_progress_and_check_ins(tmp_path: Path) -> None:
    from journal.export.whole import dump_store
    from journal.export.whole import render as render_journal

    store = JournalStore(tmp_path / "j.json", clock=lambda: NOW)
    store.goals.add(
        "Cut checkout latency", code="latency", due="2026-12-31", metric=metric(420, 300, "ms")
    )
    store.entries.add_many(
        [
            {
                "kind": "checkin",
                "title": "latency 360",
                "when": at("2026-06-01 09:00"),
                "goals": ["latency"],
                "value": 360.0,
                "confidence": "high",
            }
        ]
    )
    for fmt in ("md", "txt"):
        text = render_journal(dump_store(store), fmt).decode()
        assert "progress: 420 ms \u2192 360 ms \u2192 300 ms (50%, on track)" in text
        assert "value 360.0" in text and "high confidence" in text

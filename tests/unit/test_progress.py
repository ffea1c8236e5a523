"""journal.progress: percent, expected and status with a fixed now."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from journal.progress import (
    AT_RISK,
    AT_RISK_POINTS,
    BEHIND,
    BEHIND_POINTS,
    DONE,
    NO_DATA,
    ON_TRACK,
    OVERDUE,
    checkins_by_goal,
    expected_percent,
    progress,
)

START, DUE = "2026-01-01", "2026-04-11"  # 100 days apart
HALFWAY = date(2026, 2, 20)  # day 50: expected 50%


def goal(
    baseline: float | None = 0,
    target: float | None = 200,
    *,
    status: str = "active",
    due: str | None = DUE,
    milestones: list[dict[str, object]] | None = None,
    unit: str = "deals",
) -> dict[str, object]:
    metric = (
        None
        if baseline is None or target is None
        else {"unit": unit, "baseline": baseline, "target": target, "start": START}
    )
    return {
        "id": "g1",
        "code": "g",
        "title": "G",
        "status": status,
        "due": due,
        "metric": metric,
        "milestones": milestones or [],
        "created": "2025-12-01T09:00",
    }


def checkin(
    value: float, when: str = "2026-02-10", goal_id: str = "g1", ident: str = "e1"
) -> dict[str, object]:
    return {
        "id": ident,
        "kind": "checkin",
        "when": f"{when}T09:00:00+00:00",
        "goals": [goal_id],
        "value": value,
        "body": "note",
        "confidence": "high",
        "title": "t",
    }


def test_increase_goal_percent_and_current_is_latest() -> None:
    got = progress(goal(), [checkin(150, "2026-02-15", ident="e2"), checkin(50)], HALFWAY)
    assert got.current == 150
    assert got.percent == 75
    assert got.expected == 50
    assert got.status == ON_TRACK
    assert [c.value for c in got.checkins] == [50, 150]
    assert (got.baseline, got.target, got.unit) == (0, 200, "deals")


def test_decrease_goal_lower_is_better() -> None:
    latency = goal(500, 300, unit="ms")
    got = progress(latency, [checkin(400)], HALFWAY)
    assert got.percent == 50
    assert got.status == ON_TRACK
    assert progress(latency, [checkin(300)], HALFWAY).status == DONE
    assert progress(latency, [checkin(250)], HALFWAY).percent == 100


def test_percent_is_clamped_both_ways() -> None:
    assert progress(goal(), [checkin(-50)], HALFWAY).percent == 0
    assert progress(goal(), [checkin(900)], HALFWAY).percent == 100
    assert progress(goal(500, 300), [checkin(700)], HALFWAY).percent == 0


def test_no_data_without_checkins() -> None:
    got = progress(goal(), [], HALFWAY)
    assert got.status == NO_DATA
    assert got.current is None and got.percent is None
    assert got.expected == 50


def test_other_goals_and_other_kinds_are_ignored() -> None:
    note = {**checkin(190), "kind": "note"}
    other = checkin(190, goal_id="g2")
    assert progress(goal(), [note, other], HALFWAY).status == NO_DATA


def test_future_checkins_do_not_count_yet() -> None:
    got = progress(goal(), [checkin(40), checkin(190, "2026-03-01", ident="e2")], HALFWAY)
    assert got.current == 40


def test_overdue_when_due_passed_and_not_done() -> None:
    assert progress(goal(), [checkin(100)], date(2026, 4, 12)).status == OVERDUE
    assert progress(goal(), [], date(2026, 4, 12)).status == OVERDUE
    assert progress(goal(), [checkin(100)], date(2026, 4, 11)).status != OVERDUE  # due day


def test_done_beats_overdue() -> None:
    late = date(2026, 6, 1)
    assert progress(goal(status="done"), [checkin(10)], late).status == DONE
    assert progress(goal(), [checkin(200)], late).status == DONE


def test_binary_goal() -> None:
    binary = goal(None, None)
    got = progress(binary, [], HALFWAY)
    assert (got.percent, got.status, got.baseline, got.target) == (0, NO_DATA, None, None)
    done = progress(goal(None, None, status="done"), [], HALFWAY)
    assert (done.percent, done.status) == (100, DONE)
    assert progress(binary, [], date(2026, 5, 1)).status == OVERDUE


def test_milestone_goal_share_done() -> None:
    stones = [
        {"text": "a", "due": None, "done_on": "2026-01-10"},
        {"text": "b", "due": None, "done_on": None},
    ]
    got = progress(goal(None, None, milestones=stones), [], HALFWAY)
    assert got.percent == 50
    assert got.status == ON_TRACK
    late = progress(goal(None, None, milestones=stones), [], date(2026, 4, 1))  # expected 90
    assert late.status == AT_RISK
    all_done = [{**m, "done_on": "2026-02-01"} for m in stones]
    assert progress(goal(None, None, milestones=all_done), [], HALFWAY).status == DONE


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (67.2, ON_TRACK),  # 33.6%: trails by 16.4
        (67, BEHIND),  # 33.5%: trails by exactly BEHIND_POINTS
        (34, BEHIND),  # 17%: trails by exactly AT_RISK_POINTS
        (33.8, AT_RISK),  # 16.9%: trails by 33.1
    ],
)
def test_exactly_at_each_threshold(current: float, status: str) -> None:
    assert BEHIND_POINTS == 16.5 and AT_RISK_POINTS == 33
    assert progress(goal(), [checkin(current)], HALFWAY).status == status


def test_thresholds_on_a_decrease_goal() -> None:
    # 500 -> 300: 433 is 33.5% done, exactly BEHIND_POINTS behind 50%
    assert progress(goal(500, 300), [checkin(432.8)], HALFWAY).status == ON_TRACK
    assert progress(goal(500, 300), [checkin(433)], HALFWAY).status == BEHIND
    assert progress(goal(500, 300), [checkin(466)], HALFWAY).status == BEHIND  # 33 behind
    assert progress(goal(500, 300), [checkin(466.2)], HALFWAY).status == AT_RISK


def test_no_due_date_cannot_be_behind() -> None:
    got = progress(goal(due=None), [checkin(1)], HALFWAY)
    assert got.expected is None and got.status == ON_TRACK


def test_expected_is_linear_and_clamped() -> None:
    start, due = date(2026, 1, 1), date(2026, 4, 11)
    assert expected_percent(start, due, date(2025, 12, 1)) == 0
    assert expected_percent(start, due, date(2026, 1, 26)) == 25
    assert expected_percent(start, due, date(2026, 6, 1)) == 100
    assert expected_percent(None, due, date(2026, 1, 1)) == 0


def test_start_defaults_to_the_day_added() -> None:
    g = goal()
    g["metric"] = {**g["metric"], "start": None}  # type: ignore[dict-item]
    g["created"] = "2026-01-01T10:00:00+00:00"
    assert progress(g, [checkin(100)], HALFWAY).expected == 50


def test_now_may_be_a_datetime() -> None:
    now = datetime(2026, 2, 20, 23, 0, tzinfo=UTC)
    assert progress(goal(), [checkin(100)], now).expected == 50


def test_json_names_and_checkins_by_goal() -> None:
    got = progress(goal(), [checkin(100)], HALFWAY).as_json()
    assert list(got) == [
        "baseline",
        "current",
        "target",
        "unit",
        "percent",
        "expected",
        "status",
        "checkins",
    ]
    assert got["checkins"] == [
        {"when": "2026-02-10", "value": 100.0, "note": "note", "confidence": "high"}
    ]
    grouped = checkins_by_goal([checkin(1), checkin(2, goal_id="g2"), {"kind": "note"}])
    assert {k: len(v) for k, v in grouped.items()} == {"g1": 1, "g2": 1}

"""A goal's progress, derived: where it started, where it is, where it is going, and
whether that is on track. One pure function, so the command line, every screen and
every export show the same numbers (tests pass a fixed `now`).

Three kinds of goal:
- a **metric** goal (`metric`: unit, baseline, target, start): percent done is how far
  the latest check-in has moved from the baseline towards the target, in either
  direction (a target below the baseline means lower is better), clamped to 0-100;
- a **milestone** goal (no metric, some milestones): the share of milestones done;
- a **binary** goal (neither): 0 until the goal is done, then 100.

Expected percent by now runs linearly from the start (the metric's start, else the day
the goal was added) to the due date. Status, first match wins: `done` (goal done, or the
target reached), `overdue` (due date passed), `no data` (a metric with no check-in yet,
or a binary goal), then by how far actual trails expected: `on track` (under
BEHIND_POINTS), `behind` (BEHIND_POINTS up to AT_RISK_POINTS, both included), `at risk`
(over AT_RISK_POINTS). With no due date nothing can be behind: `on track`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from journal.records import Entry, Goal

# Points (of 100) that actual progress may trail the expected progress and still be on
# track; from here up to AT_RISK_POINTS it is behind; beyond that, at risk.
BEHIND_POINTS = 16.5
AT_RISK_POINTS = 33.0

DONE = "done"
ON_TRACK = "on track"
BEHIND = "behind"
AT_RISK = "at risk"
OVERDUE = "overdue"
NO_DATA = "no data"
STATUSES = (DONE, ON_TRACK, BEHIND, AT_RISK, OVERDUE, NO_DATA)
# Statuses a review calls out next to its gaps and stale goals.
CALLED_OUT = (OVERDUE, AT_RISK)


@dataclass(frozen=True)
class CheckIn:
    """One recorded value: the day (YYYY-MM-DD), the number, the note, the confidence."""

    when: str
    value: float
    note: str
    confidence: str | None
    entry_id: str = ""


@dataclass(frozen=True)
class Progress:
    """A goal's progress at `now`. `percent` and `expected` are 0-100 (None when they
    cannot be known); `current` is the latest check-in's value; `checkins` oldest first."""

    baseline: float | None
    current: float | None
    target: float | None
    unit: str
    percent: float | None
    expected: float | None
    status: str
    checkins: tuple[CheckIn, ...]

    def as_json(self) -> dict[str, Any]:
        """The `progress` object of a goal's JSON (names fixed by issue 13)."""
        return {
            "baseline": self.baseline,
            "current": self.current,
            "target": self.target,
            "unit": self.unit,
            "percent": None if self.percent is None else round(self.percent, 1),
            "expected": None if self.expected is None else round(self.expected, 1),
            "status": self.status,
            "checkins": [
                {"when": c.when, "value": c.value, "note": c.note, "confidence": c.confidence}
                for c in self.checkins
            ],
        }


def summary(p: Progress, arrow: str = "\u2192") -> str:
    """'baseline → latest → target (percent, status)', the one way every view says it; a
    goal with no numeric target says its percent and status."""
    from journal.measure import with_unit

    percent = "?" if p.percent is None else f"{p.percent:.0f}%"
    if p.target is None:
        return f"{percent} ({p.status})"
    return (
        f"{with_unit(p.baseline, p.unit)} {arrow} {with_unit(p.current, p.unit)} {arrow} "
        f"{with_unit(p.target, p.unit)} ({percent}, {p.status})"
    )


def measurable(goal: Goal) -> bool:
    """A goal with something to show progress on: a metric or milestones."""
    return bool(goal.get("metric") or goal.get("milestones"))


def checkins_of(goal_id: str, entries: Iterable[Entry]) -> list[Entry]:
    """The check-in entries recorded on one goal."""
    return [e for e in entries if e.get("kind") == "checkin" and goal_id in e.get("goals", ())]


def checkins_by_goal(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Every goal's check-in entries, in one pass over the journal."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.get("kind") == "checkin":
            for goal_id in entry.get("goals", ()):
                found.setdefault(goal_id, []).append(entry)
    return found


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _as_date(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _checkins(goal: Goal, entries: Iterable[Entry], today: date) -> tuple[CheckIn, ...]:
    """The goal's check-ins dated up to today, oldest first (a later one is not yet)."""
    found = []
    for entry in entries:
        if entry.get("kind") != "checkin" or goal.get("id") not in entry.get("goals", ()):
            continue
        day = _as_date(entry.get("when"))
        value = entry.get("value")
        if day is None or day > today or not isinstance(value, int | float):
            continue
        note = str(entry.get("body") or "")
        found.append(
            (
                str(entry["when"]),
                CheckIn(
                    day.isoformat(),
                    float(value),
                    note,
                    entry.get("confidence"),
                    str(entry.get("id", "")),
                ),
            )
        )
    found.sort(key=lambda pair: pair[0])
    return tuple(c for _, c in found)


def start_of(goal: Goal) -> date | None:
    """When the goal started: its metric's start, else the day it was added."""
    metric = goal.get("metric")
    return _as_date(metric.get("start") if metric else None) or _as_date(goal.get("created"))


def expected_percent(start: date | None, due: date | None, today: date) -> float | None:
    """How far along the goal should be today, linearly from start to due (0-100)."""
    if due is None:
        return None
    if start is None or due <= start:
        return 100.0 if today >= due else 0.0
    share = (today - start).days * 100 / (due - start).days
    return min(100.0, max(0.0, share))


def metric_percent(baseline: float, target: float, current: float) -> float:
    """How far `current` has come from baseline towards target, 0-100, either direction."""
    share = (current - baseline) * 100 / (target - baseline)
    return min(100.0, max(0.0, share))


def status_for(percent: float, expected: float | None) -> str:
    """On track, behind or at risk, by the points actual trails expected."""
    if expected is None:
        return ON_TRACK
    gap = round(expected - percent, 9)  # float noise must not cross a threshold
    if gap < BEHIND_POINTS:
        return ON_TRACK
    if gap <= AT_RISK_POINTS:
        return BEHIND
    return AT_RISK


def progress(goal: Goal, checkins: Iterable[Entry], now: date | datetime) -> Progress:
    """The goal's progress at `now` from its check-in entries (others are ignored)."""
    today = _day(now)
    found = _checkins(goal, checkins, today)
    metric = goal.get("metric")
    milestones = goal.get("milestones") or []
    due = _as_date(goal.get("due"))
    expected = expected_percent(start_of(goal), due, today)
    done = goal.get("status") == "done"
    baseline = target = current = None
    unit = ""
    percent: float | None
    has_data = True
    if metric:
        baseline, target = float(metric["baseline"]), float(metric["target"])
        unit = str(metric.get("unit") or "")
        current = found[-1].value if found else None
        percent = None if current is None else metric_percent(baseline, target, current)
        has_data = current is not None
    elif milestones:
        percent = sum(1 for m in milestones if m.get("done_on")) * 100 / len(milestones)
    else:
        percent = 100.0 if done else 0.0
        has_data = False
    if done or (percent is not None and percent >= 100):
        status = DONE
    elif due is not None and today > due:
        status = OVERDUE
    elif not has_data or percent is None:
        status = NO_DATA
    else:
        status = status_for(percent, expected)
    return Progress(baseline, current, target, unit, percent, expected, status, found)

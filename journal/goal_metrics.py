"""Changing what a goal measures and recording where it stands: the metric a goal's
flags describe, its milestones, and check-ins. The store checks and writes; this module
decides what to write, so the command line and the app share the rules.

How `--target` fills both fields: the free-text `target` keeps exactly what was typed
(`"< 300 ms"`, `"5 deals"`, `"ship v2"`). When that text starts with a number, the
number is also the metric's numeric target (its unit from `--unit`, else the words
after the number, else the metric's unit so far; a "(from N)" in it gives the baseline).
A metric needs a baseline and a numeric target: `--baseline` gives one, a goal's
existing metric keeps its own. `--target` alone on a goal with no baseline stores the
text only (and the command line says how to add the baseline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from journal.errors import ValidationError
from journal.measure import check_unit, parse_target_text, same_unit, value_for, with_unit
from journal.models import Record


@dataclass(frozen=True)
class MetricFlags:
    """What the user typed: each None when the flag was not given."""

    unit: str | None = None
    baseline: float | None = None
    target: str | None = None
    start: str | None = None  # a date phrase, read by journal.dates


def metric_changes(goal: Record | None, flags: MetricFlags) -> tuple[dict[str, Any], bool]:
    """The goal fields the flags change (`target`, `metric`), and whether a numeric target
    was given without any baseline (so no metric could be made yet)."""
    from journal.periods import parse_date

    changes: dict[str, Any] = {}
    if flags.target is not None:
        changes["target"] = flags.target
    old = dict((goal or {}).get("metric") or {})
    text = flags.target if flags.target is not None else (goal or {}).get("target")
    offered = parse_target_text(text) if isinstance(text, str) else None
    if flags.target is None and old:
        offered = None  # the metric so far stands unless a new --target is given
    metric_flags = (flags.unit, flags.baseline, flags.start)
    if all(f is None for f in metric_flags) and (flags.target is None or offered is None):
        return changes, False  # free text only (or nothing): the metric is left as it is
    target = offered[0] if offered else old.get("target")
    baseline = flags.baseline
    if baseline is None:
        baseline = offered[2] if offered and offered[2] is not None else old.get("baseline")
    unit = check_unit(flags.unit) if flags.unit is not None else None
    if unit is None:
        unit = offered[1] if offered and offered[1] else old.get("unit", "")
    if target is None:
        raise ValidationError(
            "a metric needs a numeric target: add --target N (e.g. --target 300 --unit ms)"
        )
    if baseline is None:
        if any(f is not None for f in metric_flags):
            raise ValidationError(
                "a metric needs a baseline, where it stands at the start: add --baseline N"
            )
        return changes, True
    start = parse_date(flags.start).isoformat() if flags.start else old.get("start")
    changes["metric"] = {
        "unit": unit.strip(),
        "baseline": float(baseline),
        "target": float(target),
        "start": start,
    }
    return changes, False


def check_unit_kept(goal: Record, changes: dict[str, Any], checkins: int) -> None:
    """Refuse a new unit on a goal with check-ins: their numbers would not be re-scaled, so
    375 recorded in ms would read 375 s. Spelling a unit the same way (any case) is fine."""
    old = (goal.get("metric") or {}).get("unit") or ""
    new = (changes.get("metric") or {}).get("unit")
    if not checkins or not old or new is None or same_unit(new, old):
        return
    raise ValidationError(
        f"{goal['code']} has {checkins} check-in{'s' if checkins != 1 else ''} recorded in "
        f"{old!r}: changing the unit to {new!r} would relabel their numbers, not convert "
        f"them. Keep --unit {old}, or start a new goal measured in {new!r}"
    )


def milestone_added(goal: Record, text: str, due: str | None) -> list[Record]:
    """The goal's milestones with one more at the end."""
    from journal.periods import parse_date

    if not text.strip():
        raise ValidationError("the milestone is empty: say what it is")
    item = {
        "text": text.strip(),
        "due": parse_date(due).isoformat() if due else None,
        "done_on": None,
    }
    return [*(goal.get("milestones") or []), item]


def milestone_done(goal: Record, number: int, today: str) -> list[Record]:
    """The goal's milestones with number N (1 is the first) marked done today."""
    milestones = [dict(m) for m in goal.get("milestones") or []]
    if not milestones:
        raise ValidationError(
            f"{goal['code']} has no milestones: add one with "
            f"`journal goal milestone add {goal['code']} TEXT`"
        )
    if not 1 <= number <= len(milestones):
        raise ValidationError(
            f"{goal['code']} has milestones 1 to {len(milestones)}, not {number}: "
            f"`journal goal show {goal['code']}` lists them"
        )
    milestones[number - 1]["done_on"] = milestones[number - 1].get("done_on") or today
    return milestones


def checkin_item(
    goal: Record, value_text: str, *, when: datetime | str | None, note: str, confidence: str | None
) -> dict[str, Any]:
    """The entry `store.entries.add_many` stores for a check-in on `goal`."""
    metric = goal.get("metric")
    if not metric:
        raise ValidationError(
            f"{goal['code']} has no metric to check in against: give it one with "
            f"`journal goal edit {goal['code']} --baseline N --target N [--unit U]`"
        )
    unit = str(metric.get("unit") or "")
    value = value_for(value_text, unit)
    return {
        "kind": "checkin",
        "title": f"Check-in on {goal['title']}: {with_unit(value, unit)}",
        "body": note,
        "when": when,
        "goals": [goal["id"]],
        "value": value,
        "confidence": confidence,
    }


def add_checkin(
    store: Any,
    ref: str,
    value_text: str,
    *,
    when: datetime | str | None = None,
    note: str = "",
    confidence: str | None = None,
) -> Record:
    """Record a check-in on a goal (one append to the journal, like `journal add`)."""
    added: Callable[[list[dict[str, Any]]], list[Record]] = store.entries.add_many
    # Inside the append-only transaction the goal is read without parsing the entries.
    with store.transaction(append_only=True):
        goal = store.goals.get(ref)
        item = checkin_item(goal, value_text, when=when, note=note, confidence=confidence)
        return added([item])[0]

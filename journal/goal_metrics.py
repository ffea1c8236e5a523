"""Changing what a goal measures and recording where it stands: the metric a goal's
flags describe, its milestones, and check-ins. The store checks and writes; this module
decides what to write, so the command line and the app share the rules.

How `--target` fills both fields: the free-text `target` keeps exactly what was typed
(`"< 300 ms"`, `"5 deals"`, `"ship v2"`). When that text starts with a number, the
number is also the metric's numeric target (its unit from `--unit`, else the words
after the number, else the metric's unit so far, else the unit typed with `--baseline`;
a "(from N)" in it gives the baseline). A unit typed with `--baseline` (`420ms`) or with
`--target` that is not the metric's unit is refused, as a check-in's is: the number would
be read in another unit.
A metric needs a baseline and a numeric target: `--baseline` gives one, a goal's
existing metric keeps its own. `--target` alone on a goal with no baseline stores the
text only (and the command line says how to add the baseline).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from journal.errors import ValidationError
from journal.measure import check_unit, parse_target_text, same_unit, value_for, with_unit
from journal.records import Entry, Goal, Milestone


@dataclass(frozen=True)
class MetricFlags:
    """What the user typed: each None when the flag was not given."""

    unit: str | None = None
    baseline: float | None = None
    target: str | None = None
    start: str | None = None  # a date phrase, read by journal.dates
    baseline_unit: str | None = None  # typed with the baseline: 'ms' of '420ms'


def metric_changes(goal: Goal | None, flags: MetricFlags) -> tuple[dict[str, Any], bool]:
    """The goal fields the flags change (`target`, `metric`), and whether a numeric target
    was given without any baseline (so no metric could be made yet)."""
    from journal.periods import parse_date

    changes: dict[str, Any] = {}
    if flags.target is not None:
        changes["target"] = flags.target
    current: Mapping[str, Any] = goal or {}
    old: dict[str, Any] = dict(current.get("metric") or {})
    text = flags.target if flags.target is not None else current.get("target")
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
        if not old:  # a new metric; one there keeps its unit, "" (none) included
            unit = unit or check_unit(flags.baseline_unit or "")
    elif offered and flags.target is not None:
        _check_typed_unit("--target", flags.target, _first_word(offered[1]), unit)
    if flags.baseline_unit:
        shown = with_unit(flags.baseline, flags.baseline_unit)
        _check_typed_unit("--baseline", shown, flags.baseline_unit, unit)
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


def metric_unit(metric: Mapping[str, Any] | None) -> Any:
    """A metric's unit as stored (None without a metric)."""
    return (metric or {}).get("unit")


def _first_word(words: str) -> str:
    """The unit of a target's words: '5 deals closed' is in 'deals'."""
    return (words.split() or [""])[0]


def _check_typed_unit(flag: str, typed_text: str, typed: str, unit: str) -> None:
    """A unit typed with a flag's number must be the metric's: 420ms on a goal in s, or
    --target 300ms --unit s, would store the number in the wrong unit."""
    if not typed or same_unit(typed, unit):
        return
    shown = f"in {unit!r}" if unit else "without a unit"
    fix = f"write it in {unit!r} or as the number alone" if unit else "write the number alone"
    raise ValidationError(
        f"{flag} {typed_text!r} is in {typed!r} but the metric is measured {shown}: {fix}, "
        "or say the unit with --unit U"
    )


def check_unit_kept(goal: Goal, changes: dict[str, Any], checkins: int) -> None:
    """Refuse a new unit on a goal with check-ins: their numbers would not be re-scaled, so
    375 recorded in ms would read 375 s. Spelling a unit the same way (any case) is fine."""
    metric = goal.get("metric")
    old = (metric.get("unit") if metric else None) or ""
    new = (changes.get("metric") or {}).get("unit")
    if not checkins or not old or new is None or same_unit(new, old):
        return
    raise ValidationError(
        f"{goal['code']} has {checkins} check-in{'s' if checkins != 1 else ''} recorded in "
        f"{old!r}: changing the unit to {new!r} would relabel their numbers, not convert "
        f"them. Keep --unit {old}, or start a new goal measured in {new!r}"
    )


def milestone_added(goal: Goal, text: str, due: str | None) -> list[Milestone]:
    """The goal's milestones with one more at the end."""
    from journal.periods import parse_date

    if not text.strip():
        raise ValidationError("the milestone is empty: say what it is")
    item: Milestone = {
        "text": text.strip(),
        "due": parse_date(due).isoformat() if due else None,
        "done_on": None,
    }
    return [*(goal.get("milestones") or []), item]


def milestone_done(goal: Goal, number: int, today: str) -> list[Milestone]:
    """The goal's milestones with number N (1 is the first) marked done today."""
    milestones = [m.copy() for m in goal.get("milestones") or []]
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
    goal: Goal, value_text: str, *, when: datetime | str | None, note: str, confidence: str | None
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
) -> Entry:
    """Record a check-in on a goal (one append to the journal, like `journal add`)."""
    added: Callable[[list[dict[str, Any]]], list[Entry]] = store.entries.add_many
    # Inside the append-only transaction the goal is read without parsing the entries.
    with store.transaction(append_only=True):
        goal = store.goals.get(ref)
        item = checkin_item(goal, value_text, when=when, note=note, confidence=confidence)
        return added([item])[0]

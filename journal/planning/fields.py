"""The stored shape of issue 15's optional fields, checked wherever a record is checked.

A goal may carry `steps` (its execution plan: `{"text", "due", "done_on", "for"}`, where
`for` is the id of the personal goal or skill a step serves), `agreement` (`{"with",
"when", "support"}` or None) and `why` (the feedback entry ids it came from). A 1:1 note
(an entry tagged `1on1`) may carry `with` (who the meeting was with) and `actions`
(`{"text", "done_on"}`). Absent means empty, so old journals need no migration; the
store, `import json` and the doctor all apply these rules through `models`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from journal.errors import ValidationError
from journal.records import Entry, Goal


def _text(value: Any, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{what} must be some text, not {value!r}")


def _day(value: Any, what: str) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value if isinstance(value, str) else "")
    except ValueError:
        raise ValidationError(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


def check_plan_fields(goal: Goal) -> None:
    """Refuse plan steps, an agreement or reasons that the rest of the program cannot read."""
    steps = goal.get("steps")
    if steps is not None:
        if not isinstance(steps, list):
            raise ValidationError(f"its steps must be a list, not {type(steps).__name__}")
        for n, step in enumerate(steps, 1):
            if not isinstance(step, dict):
                raise ValidationError(f"its step {n} is not a record")
            _text(step.get("text"), f"its step {n}'s text")
            _day(step.get("due"), f"its step {n}'s due date")
            _day(step.get("done_on"), f"its step {n}'s done date")
            serves = step.get("for")
            if serves is not None and not isinstance(serves, str):
                raise ValidationError(f"its step {n}'s 'for' must be a goal or skill id")
    agreement = goal.get("agreement")
    if agreement is not None:
        if not isinstance(agreement, dict):
            raise ValidationError("its agreement must be a record or null")
        _text(agreement.get("with"), "its agreement's 'with'")
        _day(agreement.get("when"), "its agreement's date")
        if not isinstance(agreement.get("support", ""), str):
            raise ValidationError("its agreement's support must be text")
    why = goal.get("why")
    if why is not None and (not isinstance(why, list) or not all(isinstance(e, str) for e in why)):
        raise ValidationError("its 'why' must be a list of entry ids")


def check_meeting_fields(entry: Entry) -> None:
    """A 1:1 note's `with` and action items."""
    who = entry.get("with")
    if who is not None:
        _text(who, "the 1:1's 'with'")
    actions = entry.get("actions")
    if actions is None:
        return
    if not isinstance(actions, list):
        raise ValidationError("the 1:1's actions must be a list")
    for n, action in enumerate(actions, 1):
        if not isinstance(action, dict):
            raise ValidationError(f"the 1:1's action {n} is not a record")
        _text(action.get("text"), f"the 1:1's action {n}")
        _day(action.get("done_on"), f"the 1:1's action {n}'s done date")

"""The SMART check: five named marks for a goal, each saying what is missing.

One pure function, `smart_check`, behind `journal goal check`, the plan export, the 1:1
agenda and the goal form's live marks, so they always agree. The rules:

- **Specific**: the title says what changes. It has at least three words, and at least
  one of them is an action word (a verb of change such as improve, grow, reduce, lead,
  ship, learn: `ACTION_WORDS`, also with -s, -es, -ed, -ing), so a bare noun phrase such
  as "Customer satisfaction scores" fails, while "Raise customer satisfaction scores"
  passes. One or two words ("Revenue", "Better presenting") always fail.
- **Measurable**: a numeric metric (`metric` with a numeric target), or both a measure
  and a target.
- **Achievable**: a personal goal is agreed with the manager, with the support they
  promised recorded (`journal goal agree`); a company goal is set with the organisation,
  so it passes.
- **Relevant**: a personal goal supports a company goal (or hangs under one); a company
  sub-goal's parent exists and is not dropped (a top-level company goal is the
  organisation's own, so it passes).
- **Time-bound**: a due date, not in the past for an active goal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from journal.records import Goal

NAMES = ("Specific", "Measurable", "Achievable", "Relevant", "Time-bound")

_ACTION_TEXT = """
    achieve add adopt automate avoid become boost bring build close coach collaborate
    communicate complete create cut decrease delegate deliver design develop document double
    drive earn eliminate enable ensure establish expand finish get grow halve help hire hit
    implement improve increase influence introduce keep launch lead learn lift lower
    maintain make master mentor migrate move negotiate onboard open organise organize own
    practice practise present prioritise prioritize publish raise reach reduce refactor
    release remove replace run save scale secure sell set ship shorten simplify speak
    standardise standardize start stop strengthen teach test train win write
"""
ACTION_WORDS = frozenset(_ACTION_TEXT.split())

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


@dataclass(frozen=True)
class Check:
    """One SMART mark: its name, whether it passes, and what is missing when it does not."""

    name: str
    ok: bool
    missing: str = ""


def is_action_word(word: str) -> bool:
    """An action word of `ACTION_WORDS`, as typed or with -s/-es/-ed/-d/-ing."""
    word = word.casefold()
    if word in ACTION_WORDS:
        return True
    for ending in ("ing", "ed", "es", "s", "d"):
        stem = word.removesuffix(ending)
        if stem != word and (stem in ACTION_WORDS or f"{stem}e" in ACTION_WORDS):
            return True
    return len(word) > 5 and word.endswith("ing") and word[:-4] in ACTION_WORDS  # running


def specific(goal: Goal) -> Check:
    words = _WORD.findall(str(goal.get("title") or ""))
    if len(words) < 3:
        return Check(
            "Specific",
            False,
            f"the title has {len(words)} word"
            f"{'' if len(words) == 1 else 's'}: say what changes in at least three, "
            "e.g. 'Grow enterprise revenue'",
        )
    if not any(is_action_word(w) for w in words):
        return Check(
            "Specific",
            False,
            "the title names a thing, not a change: say what "
            "you will do (improve, grow, reduce, lead, ship ...)",
        )
    return Check("Specific", True)


def _numeric_metric(goal: Goal) -> bool:
    metric = goal.get("metric")
    if not isinstance(metric, dict):
        return False
    target = metric.get("target")
    return isinstance(target, int | float) and not isinstance(target, bool)


def measurable(goal: Goal) -> Check:
    if _numeric_metric(goal):
        return Check("Measurable", True)
    measure = str(goal.get("measure") or "").strip()
    target = str(goal.get("target") or "").strip()
    if measure and target:
        return Check("Measurable", True)
    if not measure and not target:
        return Check(
            "Measurable",
            False,
            "no measure and no target: say how you will know (--measure 'NPS' --target '45')",
        )
    if not measure:
        return Check("Measurable", False, "a target but no measure: add --measure")
    return Check("Measurable", False, "a measure but no target: add --target")


def achievable(goal: Goal) -> Check:
    if goal.get("scope") != "personal":
        return Check("Achievable", True)
    agreement = goal.get("agreement")
    code = goal.get("code", "CODE")
    if not isinstance(agreement, dict) or not agreement.get("with"):
        return Check(
            "Achievable",
            False,
            f"not agreed with your manager: journal goal agree {code} --with WHO --support TEXT",
        )
    if not str(agreement.get("support") or "").strip():
        return Check(
            "Achievable",
            False,
            f"agreed with {agreement['with']} but no support "
            f"recorded: journal goal agree {code} --with WHO --support TEXT",
        )
    return Check("Achievable", True)


def relevant(goal: Goal, goals: Iterable[Goal]) -> Check:
    by_id = {g["id"]: g for g in goals}
    if goal.get("scope") == "personal":
        anchors = [by_id.get(a) for a in [goal.get("parent"), *goal.get("supports", [])] if a]
        if any(a is not None and a.get("scope") == "company" for a in anchors):
            return Check("Relevant", True)
        return Check(
            "Relevant",
            False,
            "it supports no company goal: weave it in "
            "(--supports CODE, or a step --for it on a company goal)",
        )
    parent_id = goal.get("parent")
    if not parent_id:
        return Check("Relevant", True)
    parent = by_id.get(parent_id)
    if parent is None:
        return Check("Relevant", False, "its parent goal is gone: choose a parent")
    if parent.get("status") == "dropped":
        return Check(
            "Relevant",
            False,
            f"its parent {parent['code']} was dropped: choose another parent or drop this one",
        )
    return Check("Relevant", True)


def time_bound(goal: Goal, today: date) -> Check:
    due = goal.get("due")
    if not due:
        return Check("Time-bound", False, "no due date: add --due (e.g. 'end of H1 2027')")
    try:
        day = date.fromisoformat(str(due))
    except ValueError:
        return Check("Time-bound", False, f"its due date {due!r} is not a date")
    if goal.get("status", "active") == "active" and day < today:
        return Check(
            "Time-bound", False, f"due {due}, which has passed: set a new date or mark it done"
        )
    return Check("Time-bound", True)


def smart_check(goal: Goal, goals: Iterable[Goal], today: date) -> list[Check]:
    """The five marks for `goal`; `goals` is every goal of the journal (a snapshot's
    `goals` or `store.goals.all()`), needed to judge Relevant."""
    return [
        specific(goal),
        measurable(goal),
        achievable(goal),
        relevant(goal, goals),
        time_bound(goal, today),
    ]


def marks(checks: list[Check]) -> str:
    """A one-line summary such as `S M - R T` (a dash for each failing mark)."""
    return " ".join(c.name[0] if c.ok else "-" for c in checks)

"""Changing a goal's execution plan and agreement: each change one checked, atomic write.

A step `for` a personal goal (or a skill) is how that goal is woven into a company goal's
plan; a step cannot serve a company goal (that would be a sub-goal: `--parent`). Every
check runs before anything is written, so a refused change leaves the journal as it was.
"""

from __future__ import annotations

from datetime import date

from journal.errors import ValidationError
from journal.models import check_text
from journal.records import Goal, Step
from journal.store.journal_store import JournalStore


def steps_of(goal: Goal) -> list[Step]:
    """The goal's plan steps (absent = none), as copies."""
    return [step.copy() for step in goal.get("steps") or []]


def serves_id(store: JournalStore, ref: str) -> str:
    """The id a step `--for REF` serves: a personal goal or a skill, never a company goal."""
    code = ref.strip().lower()
    goal = next((g for g in store.goals.all() if code in (g["code"], g["id"])), None)
    if goal is not None:
        if goal.get("scope") != "personal":
            raise ValidationError(
                f"{goal['code']} is a company goal: a step serves a personal goal or a skill "
                "(--for); put a company goal under another with `journal goal edit CODE --parent`"
            )
        return str(goal["id"])
    skill = next((s for s in store.skills.all() if code in (s["code"], s["id"])), None)
    if skill is not None:
        return str(skill["id"])
    personal = sorted(g["code"] for g in store.goals.all() if g.get("scope") == "personal")
    skills = sorted(s["code"] for s in store.skills.all())
    known = ", ".join(personal + skills) or "none yet"
    raise ValidationError(
        f"no personal goal or skill {ref!r} for --for (known: {known}); add one with "
        "`journal goal add TITLE --personal` or `journal skill add NAME`"
    )


def add_step(
    store: JournalStore,
    ref: str,
    text: str,
    *,
    serves: str | None = None,
    due: date | None = None,
) -> tuple[Goal, int]:
    """Append a step to a goal's plan; returns the goal and the step's number (from 1)."""
    text = check_text(text, "the step's text").strip()
    with store.transaction():
        goal = store.goals.get(ref)
        step: Step = {
            "text": text,
            "due": due.isoformat() if due else None,
            "done_on": None,
            "for": serves_id(store, serves) if serves else None,
        }
        if step["for"] == goal["id"]:
            raise ValidationError("a goal's step cannot serve the goal itself")
        steps = [*steps_of(goal), step]
        return store.goals.update(goal["id"], steps=steps), len(steps)


def step_index(goal: Goal, number: int) -> int:
    """The list index of step `number` (counted from 1), or a message saying the range."""
    count = len(goal.get("steps") or [])
    if not 1 <= number <= count:
        have = f"steps 1-{count}" if count else "no steps yet"
        raise ValidationError(
            f"{goal['code']} has {have}, so there is no step {number}: "
            f"see `journal goal show {goal['code']}`"
        )
    return number - 1


def done_step(store: JournalStore, ref: str, number: int, *, undo: bool = False) -> Goal:
    """Mark step `number` done today (or not done again, with `undo`)."""
    with store.transaction():
        goal = store.goals.get(ref)
        steps = steps_of(goal)
        step = steps[step_index(goal, number)]
        step["done_on"] = None if undo else store.now_iso()[:10]
        return store.goals.update(goal["id"], steps=steps)


def agree(
    store: JournalStore,
    ref: str,
    who: str,
    *,
    when: date | None = None,
    support: str = "",
) -> Goal:
    """Record that the goal was agreed with `who` on `when` (today), and the support promised."""
    who = check_text(who, "who the goal was agreed with (--with)").strip()
    with store.transaction():
        goal = store.goals.get(ref)
        day = when.isoformat() if when else store.now_iso()[:10]
        agreement = {"with": who, "when": day, "support": support.strip()}
        return store.goals.update(goal["id"], agreement=agreement)


def undo_agreement(store: JournalStore, ref: str) -> Goal:
    """Remove a goal's agreement; refused (nothing written) when it has none."""
    with store.transaction():
        goal = store.goals.get(ref)
        if not goal.get("agreement"):
            raise ValidationError(f"{goal['code']} has no agreement to undo")
        return store.goals.update(goal["id"], agreement=None)

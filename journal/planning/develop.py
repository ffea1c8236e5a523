"""Feedback to a development goal in one step, woven into a company goal's plan.

One transaction: the personal goal is added with the feedback entry as its reason (`why`,
and the entry linked to it, as a skill made from feedback is), and when a company goal is
chosen the new goal supports it and a plan step on it serves the new goal. Anything
refused (not a feedback entry, an unknown goal, a twin title) writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from journal.errors import ValidationError
from journal.planning.plan_store import add_step
from journal.planning.weave import theme_title
from journal.records import Entry, Goal, Metric, Step
from journal.store.journal_store import JournalStore


@dataclass(frozen=True)
class Woven:
    """What `goal_from_feedback` made: the goal, and the company goal and step it serves."""

    goal: Goal
    into: Goal | None = None
    step_number: int | None = None


def feedback_entry(store: JournalStore, entry_id: str) -> Entry:
    """The entry a development goal comes from: it must be feedback."""
    entry = store.entries.get(entry_id)
    if entry["kind"] != "feedback":
        raise ValidationError(
            f"{entry['id']} is a {entry['kind']}, not feedback: a development goal comes "
            "from feedback (`journal list --kind feedback`)"
        )
    return entry


def step_text_for(title: str) -> str:
    return f"Pursue '{title}' through this goal's work"


def goal_from_feedback(
    store: JournalStore,
    entry_id: str,
    *,
    title: str | None = None,
    into: str | None = None,
    step_text: str | None = None,
    code: str | None = None,
    supports: Iterable[str] = (),
    measure: str = "",
    target: str = "",
    due: str | None = None,
    metric: Metric | None = None,
) -> Woven:
    """Add a personal goal from feedback entry `entry_id`; weave it `into` a company goal."""
    with store.transaction():
        entry = feedback_entry(store, entry_id)
        company = store.goals.get(into) if into else None
        if company is not None and company.get("scope") != "company":
            raise ValidationError(
                f"{company['code']} is a personal goal: weave a development goal into a "
                "company goal"
            )
        served = store.goals.ids(supports)
        if company is not None and company["id"] not in served:
            served.append(company["id"])
        goal = store.goals.add(
            title or theme_title(entry, store.skills.all()),
            code=code,
            scope="personal",
            supports=served,
            measure=measure,
            target=target,
            due=due,
            metric=metric,
        )
        goal = store.goals.update(goal["id"], why=[entry["id"]])
        store.entries.update(entry["id"], goals=[*entry["goals"], goal["id"]])
        if company is None:
            return Woven(goal)
        text = step_text or step_text_for(goal["title"])
        updated, number = add_step(store, company["id"], text, serves=goal["id"])
        return Woven(goal, updated, number)


def woven_through(goal: Goal, goals: Iterable[Goal]) -> list[tuple[Goal, int, Step]]:
    """The company goals and steps a personal goal (or skill id) is pursued through:
    (company goal, step number, step)."""
    found = []
    for other in goals:
        for n, step in enumerate(other.get("steps") or [], 1):
            if step.get("for") == goal["id"]:
                found.append((other, n, step))
    return found

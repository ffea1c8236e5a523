"""The one goal graph: families (roll-up credit), the company tree, the display tree.

A goal's family is the goal, its sub-goals and the personal goals woven into any of them:
an entry linked to any member counts toward the goal (`journal list --goal`, the Goals
screen's counts and the review's evidence all use `goal_family`/`GoalGraph`). A personal
goal hangs under its parent and under every company goal it supports, so it shows once
per place it serves; `journal goal list` and the Goals screen both walk `goal_tree` (the
JSON output lists each goal once, at its first place). Also what "overdue" and "stale"
mean, for the list, the screen and the review alike. No I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from journal.records import Goal

STALE_DAYS = 60
"""A goal with no evidence in this many days before a date is stale (review and app)."""


def goal_family(goal_id: str, goals: Iterable[Goal]) -> frozenset[str]:
    """`goal_id`, its sub-goals, and the personal goals woven into any of them."""
    goals = list(goals)
    family = {goal_id}
    grew = True
    while grew:
        grew = False
        for goal in goals:
            if goal["id"] in family:
                continue
            linked = goal.get("parent") in family or any(
                s in family for s in goal.get("supports", [])
            )
            if linked:
                family.add(goal["id"])
                grew = True
    return frozenset(family)


@dataclass(frozen=True)
class GoalGraph:
    """The goals (in the order given) with every family worked out once."""

    goals: list[Goal]
    by_id: dict[str, Goal]
    families: dict[str, frozenset[str]]
    credit: dict[str, list[str]]
    """Per goal id, the goals a link to it counts toward (itself first), in goal order."""

    @classmethod
    def of(cls, goals: Iterable[Goal]) -> GoalGraph:
        goals = list(goals)
        families = {g["id"]: goal_family(g["id"], goals) for g in goals}
        credit: dict[str, list[str]] = {g["id"]: [] for g in goals}
        for goal_id, family in families.items():
            for member in family:
                credit.setdefault(member, []).append(goal_id)
        return cls(goals, {g["id"]: g for g in goals}, families, credit)

    def company_tree(self) -> tuple[list[Goal], dict[str, list[Goal]]]:
        """Company goals as the review shows them: the tops, and each one's sub-goals
        (a company goal under a personal one is a top)."""
        children: dict[str, list[Goal]] = {}
        tops: list[Goal] = []
        for goal in self.goals:
            if goal.get("scope") != "company":
                continue
            parent = self.by_id.get(goal.get("parent") or "")
            if parent is not None and parent.get("scope") == "company":
                children.setdefault(parent["id"], []).append(goal)
            else:
                tops.append(goal)
        return tops, children


def anchors(goal: Goal, known: set[str]) -> list[str | None]:
    """Where a goal hangs: under its parent and, for personal goals, each goal it supports."""
    found = [a for a in [goal.get("parent"), *goal.get("supports", [])] if a in known]
    return list(dict.fromkeys(found)) or [None]


def tree_order(goal: Goal) -> tuple[str, str]:
    """Company goals before personal ones, then by code."""
    return (str(goal.get("scope", "")), str(goal.get("code", "")))


def goal_tree(goals: list[Goal]) -> list[tuple[int, Goal]]:
    """Goals in tree order with their depth; a goal appears under each of its anchors.

    A cycle written by hand never loops: a goal is not walked again below itself, and a
    goal reachable from no root still shows at the top level.
    """
    known = {g["id"] for g in goals}
    children: dict[str | None, list[Goal]] = {}
    for goal in goals:
        for anchor in anchors(goal, known):
            children.setdefault(anchor, []).append(goal)
    ordered: list[tuple[int, Goal]] = []
    shown: set[str] = set()

    def walk(goal: Goal, depth: int, path: frozenset[str]) -> None:
        ordered.append((depth, goal))
        shown.add(goal["id"])
        for sub in sorted(children.get(goal["id"], []), key=tree_order):
            if sub["id"] not in path:
                walk(sub, depth + 1, path | {sub["id"]})

    for goal in sorted(children.get(None, []), key=tree_order):
        walk(goal, 0, frozenset({goal["id"]}))
    for goal in sorted(goals, key=tree_order):  # only in a cycle: still show it
        if goal["id"] not in shown:
            walk(goal, 0, frozenset({goal["id"]}))
    return ordered


def unique(tree: list[tuple[int, Goal]]) -> list[tuple[int, Goal]]:
    """Each goal once, at its first place in the tree."""
    seen: set[str] = set()
    out = []
    for depth, goal in tree:
        if goal["id"] not in seen:
            seen.add(goal["id"])
            out.append((depth, goal))
    return out


def overdue(goal: Goal, today: date) -> bool:
    """An active goal whose due date has passed."""
    due = goal.get("due")
    if not due or goal.get("status", "active") != "active":
        return False
    try:
        return date.fromisoformat(str(due)) < today
    except ValueError:
        return False

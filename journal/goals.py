"""The one goal tree: company goals, their sub-goals, and personal goals woven in.

A personal goal hangs under its parent and under every company goal it supports, so it
shows once per place it serves; `journal goal list` and the Goals screen both walk this
tree (the JSON output lists each goal once, at its first place). Also what "overdue"
means, for the list, the screen and the review alike. No I/O, no Textual.
"""

from __future__ import annotations

from datetime import date

from journal.models import Record


def anchors(goal: Record, known: set[str]) -> list[str | None]:
    """Where a goal hangs: under its parent and, for personal goals, each goal it supports."""
    found = [a for a in [goal.get("parent"), *goal.get("supports", [])] if a in known]
    return list(dict.fromkeys(found)) or [None]


def tree_order(goal: Record) -> tuple[str, str]:
    """Company goals before personal ones, then by code."""
    return (str(goal.get("scope", "")), str(goal.get("code", "")))


def goal_tree(goals: list[Record]) -> list[tuple[int, Record]]:
    """Goals in tree order with their depth; a goal appears under each of its anchors.

    A cycle written by hand never loops: a goal is not walked again below itself, and a
    goal reachable from no root still shows at the top level.
    """
    known = {g["id"] for g in goals}
    children: dict[str | None, list[Record]] = {}
    for goal in goals:
        for anchor in anchors(goal, known):
            children.setdefault(anchor, []).append(goal)
    ordered: list[tuple[int, Record]] = []
    shown: set[str] = set()

    def walk(goal: Record, depth: int, path: frozenset[str]) -> None:
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


def unique(tree: list[tuple[int, Record]]) -> list[tuple[int, Record]]:
    """Each goal once, at its first place in the tree."""
    seen: set[str] = set()
    out = []
    for depth, goal in tree:
        if goal["id"] not in seen:
            seen.add(goal["id"])
            out.append((depth, goal))
    return out


def overdue(goal: Record, today: date) -> bool:
    """An active goal whose due date has passed."""
    due = goal.get("due")
    if not due or goal.get("status", "active") != "active":
        return False
    try:
        return date.fromisoformat(str(due)) < today
    except ValueError:
        return False

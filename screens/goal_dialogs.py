"""What the Goals screen's dialogs say: the parents a goal can move under, and the
question before a goal is deleted (with what it would drop). User text stays literal."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from journal.goals import goal_tree, unique
from journal.records import Goal
from journal.textsafe import plural, visible_line


def move_choices(goals: list[Goal], moving: str) -> list[tuple[Any, Text]]:
    """The picker's rows: top level ("" as its value), then every other goal, indented."""
    items: list[tuple[Any, Text]] = [("", Text("(top level: no parent)", style="italic"))]
    for depth, goal in unique(goal_tree(goals)):
        if goal["id"] != moving:
            label = Text("  " * depth)
            label.append(visible_line(goal["code"]), style="bold")
            label.append(f"  {visible_line(goal['title'])}")
            items.append((goal["id"], label))
    return items


def delete_question(goal: Goal, links: int, kids: int) -> Text:
    """Delete this goal? With the entry links it drops and the sub-goals that move up."""
    question = Text(f"Delete goal {visible_line(goal['code'])} ", style="bold")
    question.append(f"“{visible_line(goal['title'])}”?\n", style="")
    if links:
        question.append(
            f"{plural(links, 'entry link')} will be dropped (the entries stay).", style=""
        )
    else:
        question.append("No entry links to it.", style="")
    if kids:
        question.append(f"\n{kids} sub-goal{'s' * (kids != 1)} will move to the top level.")
    return question

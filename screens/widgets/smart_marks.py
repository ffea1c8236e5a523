"""The five SMART marks of a goal as it is being typed, each failing one with what is
missing. The marks come from `journal.planning.smart.smart_check`, the same function
`journal goal check` uses, so the form and the command line never disagree."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from journal.planning.smart import Check, smart_check
from journal.records import Goal


def marks_text(checks: list[Check], short: bool = False) -> Text:
    """'S ✓  M ✗ ...' on one line, then what is missing: a line per check, or (`short`, for
    a form that must fit 24 rows) each one's first clause, joined on one wrapped line."""
    text = Text()
    for check in checks:
        text.append(
            f"{check.name[0]} {'✓' if check.ok else '✗'}  ", style="green" if check.ok else "red"
        )
    failing = [c for c in checks if not c.ok]
    if short and failing:
        text.append(
            "\n" + " · ".join(f"{c.name}: {c.missing.split(': ')[0]}" for c in failing), style="dim"
        )
        return text
    for check in failing:
        text.append(f"\n{check.name}: {check.missing}", style="dim")
    return text


class SmartMarks(Static):
    """Live SMART marks; `show(goal, goals, today)` re-rates the goal as typed."""

    DEFAULT_CSS = """
    SmartMarks { height: auto; max-height: 3; padding-left: 12; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.checks: list[Check] = []

    def show(self, goal: Goal, goals: list[Goal], today: date) -> None:
        self.checks = smart_check(goal, goals, today)
        self.update(marks_text(self.checks, short=True))

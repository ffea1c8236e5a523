"""The filter bar above the entry list: text, kind, tag, goal and period on one line.

It only collects what was typed and says so with `FilterBar.Changed`; the screen turns
that into a query so this widget stays dumb. The screen binds down the goals to offer and
what is wrong with the typed period (`data_bind`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.widgets import Input, Select

from journal.models import KINDS
from journal.records import Goal
from journal.textsafe import visible_line


@dataclass(frozen=True)
class FilterValues:
    """What the user typed or picked; empty strings mean "any"."""

    text: str = ""
    kind: str = ""
    tags: tuple[str, ...] = ()
    goal_id: str = ""
    period: str = ""


class FilterBar(Horizontal):
    """Inputs and selects that narrow the entry list as you type."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        & > Input, & > Select { margin: 0 1 0 0; }
        & > #search { width: 2fr; min-width: 12; }
        & > #kind { width: 14; }
        & > #tag { width: 1fr; max-width: 16; min-width: 8; }
        & > #goal { width: 1fr; max-width: 24; min-width: 12; }
        & > #period { width: 1fr; max-width: 20; min-width: 10; margin: 0; }
        & > Input.-invalid { color: $error; }
    }
    """

    BINDINGS = [Binding("escape", "leave", "Back to list", show=False)]

    @dataclass
    class Changed(Message):
        """Something in the bar changed."""

        filter_bar: FilterBar
        values: FilterValues

    @dataclass
    class Left(Message):
        """Escape in the bar: the screen puts focus back on the list."""

        filter_bar: FilterBar

    goals: var[tuple[Goal, ...]] = var(tuple, init=False)
    """The goals to offer (bound from the screen); the chosen one stays if it still exists."""
    period_problem: var[str | None] = var(None, init=False)
    """Why the typed period cannot be read (bound from the screen): the input turns red."""

    _goal_labels: list[tuple[str, str]] | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search  /", id="search", compact=True)
        yield Select(
            [(Text(kind), kind) for kind in KINDS], prompt="any kind", id="kind", compact=True
        )
        yield Input(placeholder="#tag", id="tag", compact=True)
        yield Select([], prompt="any goal", id="goal", compact=True)
        yield Input(placeholder="period", id="period", compact=True)

    @property
    def search(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def kind(self) -> Select[str]:
        return self.query_one("#kind", Select)

    @property
    def tag(self) -> Input:
        return self.query_one("#tag", Input)

    @property
    def goal(self) -> Select[str]:
        return self.query_one("#goal", Select)

    @property
    def period(self) -> Input:
        return self.query_one("#period", Input)

    @property
    def values(self) -> FilterValues:
        kind, goal = self.kind.value, self.goal.value
        words = self.tag.value.replace(",", " ").split()
        tags = tuple(t.lstrip("#@").lower() for t in words if t.strip("#@"))
        return FilterValues(
            text=self.search.value,
            kind=kind if isinstance(kind, str) else "",
            tags=tags,
            goal_id=goal if isinstance(goal, str) else "",
            period=self.period.value.strip(),
        )

    def watch_goals(self, goals: tuple[Goal, ...]) -> None:
        current = self.goal.value
        ordered = sorted(goals, key=lambda g: (g.get("scope") != "company", g["code"]))
        labels = [(visible_line(f"{g['code']}  {g['title']}"), g["id"]) for g in ordered]
        if labels == self._goal_labels:
            return  # unchanged: leave an open dropdown alone
        self._goal_labels = labels
        options = [(Text(label), ident) for label, ident in labels]
        with self.prevent(Select.Changed):
            self.goal.set_options(options)
            if isinstance(current, str) and any(g["id"] == current for g in goals):
                self.goal.value = current
        if isinstance(current, str) and self.goal.value != current:
            self._changed()

    def choose_goal(self, goal_id: str | None) -> None:
        self.goal.value = goal_id if goal_id else Select.NULL

    def watch_period_problem(self, problem: str | None) -> None:
        self.period.set_class(problem is not None, "-invalid")

    def clear(self) -> None:
        """Forget every filter (one Changed message)."""
        with self.prevent(Input.Changed, Select.Changed):
            for field in (self.search, self.tag, self.period):
                field.value = ""
            self.kind.clear()
            self.goal.clear()
        self._changed()

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.post_message(self.Changed(self, self.values))

    @on(Input.Submitted)
    def action_leave(self) -> None:
        self.post_message(self.Left(self))

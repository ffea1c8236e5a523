"""The goal form behind the Goals screen (add a company or personal goal, edit one).

It is a `screens.dialogs.RecordForm`: it writes through its `save` callable in a worker
and closes only once the write worked, so nothing typed is lost on a refusal.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static, TextArea

from journal.errors import DateError
from journal.models import GOAL_STATUSES
from journal.periods import parse_date
from journal.records import Goal
from journal.timestamps import human_date
from screens.dialogs import RecordForm, Save, row
from screens.widgets.pick_list import PickList
from screens.widgets.smart_marks import SmartMarks


class GoalForm(RecordForm[Goal]):
    """Title, code, measure, target, due (typed in words, parsed live), status, notes.

    A personal goal also gets Supports: the company goals it serves (`company`, as
    (id, label) pairs, given by the screen), ticked in a pick list. With `goals` (every
    goal of the journal) the form shows the five SMART marks live as you type.
    """

    def __init__(
        self,
        heading: str,
        goal: Goal | None,
        save: Save[Goal],
        now: datetime,
        company: list[tuple[str, str]] | None = None,
        supports: list[str] | None = None,
        goals: list[Goal] | None = None,
        scope: str | None = None,
    ) -> None:
        super().__init__(heading, save)
        goal = goal or {}
        self.now = now
        self.base_goal: dict[str, Any] = dict(goal)  # the screen may fix more fields
        self.scope = scope or goal.get("scope") or "company"
        self.all_goals = goals
        self.smart_marks = SmartMarks(id="goal-smart") if goals is not None else None
        self.supports_list: PickList | None = None
        if company is not None:
            self.supports_list = PickList(
                company,
                supports or goal.get("supports", []),
                placeholder="supports: type to filter",
                id="goal-supports",
            )
        due = goal.get("due")
        self.title_input = Input(
            goal.get("title", ""),
            placeholder="what you want to achieve",
            compact=True,
            id="goal-title",
        )
        self.code_input = Input(
            goal.get("code", ""),
            placeholder="blank: made from the title",
            compact=True,
            id="goal-code",
        )
        self.measure_input = Input(
            goal.get("measure", ""),
            compact=True,
            id="goal-measure",
            placeholder="how progress is measured",
        )
        self.target_input = Input(
            goal.get("target", ""),
            compact=True,
            id="goal-target",
            placeholder="the number or state that means done",
        )
        self.due_input = Input(
            human_date(date.fromisoformat(due)) if due else "",
            compact=True,
            placeholder="e.g. 30 June 2026 or 2026-09-30; blank for none",
            id="goal-due",
        )
        self.due_hint = Static("", classes="form-hint", markup=False)
        self.status_select: Select[str] = Select(
            [(s, s) for s in GOAL_STATUSES],
            value=goal.get("status") or "active",
            allow_blank=False,
            compact=True,
            id="goal-status",
        )
        self.notes_area = TextArea(goal.get("notes", ""), compact=True, id="goal-notes")
        if self.supports_list is not None:
            self.notes_area.styles.height = 3  # with Supports the form still fits 24 rows

    def compose_fields(self) -> ComposeResult:
        yield row("Title", self.title_input)
        yield row("Code", self.code_input)
        yield row("Measure", self.measure_input)
        yield row("Target", self.target_input)
        yield row("Due", self.due_input)
        yield self.due_hint
        yield row("Status", self.status_select)
        if self.supports_list is not None:
            yield row("Supports", self.supports_list)
        yield row("Notes", self.notes_area)
        if self.smart_marks is not None:
            yield self.smart_marks

    def on_mount(self) -> None:
        self._show_due(self.due_input.value)
        self.show_smart()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.due_input:
            self._show_due(event.value)
        self.show_smart()

    def on_pick_list_changed(self) -> None:
        self.show_smart()

    def typed_goal(self) -> Goal:
        """The goal as the form reads now, for the SMART marks (an unreadable date: none)."""
        try:
            due = self._parse_due(self.due_input.value)
        except DateError:
            due = None
        supports = (
            self.supports_list.chosen
            if self.supports_list is not None
            else self.base_goal.get("supports", [])
        )
        draft = {
            **self.base_goal,
            "id": self.base_goal.get("id", "(new)"),
            "code": self.code_input.value.strip() or self.base_goal.get("code", "CODE"),
            "title": self.title_input.value,
            "scope": self.scope,
            "measure": self.measure_input.value,
            "target": self.target_input.value,
            "due": due.isoformat() if due else None,
            "status": str(self.status_select.value),
            "supports": supports,
        }
        return cast(Goal, draft)  # what is typed so far, read as a goal

    def show_smart(self) -> None:
        if self.smart_marks is not None and self.all_goals is not None:
            self.smart_marks.show(self.typed_goal(), self.all_goals, self.now.date())

    def _parse_due(self, text: str) -> date | None:
        """The due date typed, None when blank; DateError when unreadable."""
        return parse_date(text, self.now) if text.strip() else None

    def _show_due(self, text: str) -> None:
        try:
            due = self._parse_due(text)
        except DateError:
            self.due_hint.update(Text("✗ not a date: try 30 June 2026, 2026-06-30, next friday"))
            self.due_hint.add_class("-bad")
            return
        self.due_hint.remove_class("-bad")
        self.due_hint.update(Text(f"→ {human_date(due)}" if due else "no due date"))

    def values(self) -> dict[str, Any] | None:
        try:
            due = self._parse_due(self.due_input.value)
        except DateError as err:
            self.show_error(str(err))
            self.due_input.focus()
            return None
        return {
            "title": self.title_input.value,
            "code": self.code_input.value.strip() or None,
            "measure": self.measure_input.value.strip(),
            "target": self.target_input.value.strip(),
            "due": due.isoformat() if due else None,
            "status": str(self.status_select.value),
            "notes": self.notes_area.text.strip(),
        } | ({"supports": self.supports_list.chosen} if self.supports_list is not None else {})

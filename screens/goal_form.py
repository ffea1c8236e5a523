"""Modal dialogs behind the Goals screen (the Skills screen reuses the picker and confirm).

Forms write through a `save` callable in a thread worker and close only once the write
worked: a refusal from the store (a duplicate code, an unreadable date) is shown inside
the form, so nothing the user typed is lost. Escape always closes without writing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from journal.dates import human_date, parse_date
from journal.errors import DateError, JournalError
from journal.models import GOAL_STATUSES, Record
from screens.widgets.pick_list import PickList

Save = Callable[[dict[str, Any]], Record]

FORM_CSS = """
RecordForm, Picker, Confirm { align: center middle; }
RecordForm > Vertical, Picker > Vertical, Confirm > Vertical {
    width: 76; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $surface; padding: 0 1;
}
.form-title { text-style: bold; margin-bottom: 1; width: 100%; }
.form-row { height: auto; }
.form-row > Label { width: 12; color: $text-muted; }
.form-row > Input, .form-row > Select { width: 1fr; }
.form-row > TextArea { width: 1fr; height: 4; }
.form-row > PickList { width: 1fr; height: 5; }
.form-row > .form-value { width: 1fr; }
.form-hint { height: 1; padding-left: 12; color: $text-muted; }
.form-hint.-bad, .form-error { color: $error; }
.form-error { height: auto; }
.form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
.form-buttons > Button { margin-left: 1; }
Picker OptionList { height: auto; max-height: 16; }
"""


def row(label: str, widget: Widget) -> Horizontal:
    """A labelled form line; the label is ours, never user text."""
    return Horizontal(Label(label), widget, classes="form-row")


class RecordForm(ModalScreen[dict[str, Any] | None]):
    """Shared form behaviour: ctrl+s or enter saves once, escape cancels, errors stay in view."""

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", tooltip="Save and close"),
    ]

    def __init__(self, heading: str, save: Save) -> None:
        super().__init__()
        self.heading = heading
        self.save = save
        self.error = Static("", classes="form-error", markup=False)
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.heading), classes="form-title")
            yield from self.compose_fields()
            yield self.error
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def compose_fields(self) -> ComposeResult:
        """The form's own inputs (subclasses)."""
        yield from ()

    def values(self) -> dict[str, Any] | None:
        """What to save, or None after showing why it cannot be saved (subclasses)."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self._saving = False
        self.error.update(Text(message))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        if self._saving:
            return  # a second ctrl+s while the first write runs must not write twice
        values = self.values()
        if values is None:
            return
        self._saving = True
        self._write(values)

    @work(thread=True, group="form-save")
    def _write(self, values: dict[str, Any]) -> None:
        try:
            saved = self.save(values)
        except (ValueError, JournalError) as err:
            self.app.call_from_thread(self.show_error, str(err))
            return
        self.app.call_from_thread(self.dismiss, saved)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()


class GoalForm(RecordForm):
    """Title, code, measure, target, due (typed in words, parsed live), status, notes.

    A personal goal also gets Supports: the company goals it serves (`company`, as
    (id, label) pairs, given by the screen), ticked in a pick list.
    """

    def __init__(self, heading: str, goal: Record | None, save: Save, now: datetime,
                 company: list[tuple[str, str]] | None = None,
                 supports: list[str] | None = None) -> None:
        super().__init__(heading, save)
        goal = goal or {}
        self.now = now
        self.supports_list: PickList | None = None
        if company is not None:
            self.supports_list = PickList(company, supports or goal.get("supports", []),
                                          placeholder="supports: type to filter",
                                          id="goal-supports")
        due = goal.get("due")
        self.title_input = Input(goal.get("title", ""), placeholder="what you want to achieve",
                                 compact=True, id="goal-title")
        self.code_input = Input(goal.get("code", ""), placeholder="blank: made from the title",
                                compact=True, id="goal-code")
        self.measure_input = Input(goal.get("measure", ""), compact=True, id="goal-measure",
                                   placeholder="how progress is measured")
        self.target_input = Input(goal.get("target", ""), compact=True, id="goal-target",
                                  placeholder="the number or state that means done")
        self.due_input = Input(human_date(date.fromisoformat(due)) if due else "", compact=True,
                               placeholder="e.g. 30 June 2026 or 2026-09-30; blank for none",
                               id="goal-due")
        self.due_hint = Static("", classes="form-hint", markup=False)
        self.status_select: Select[str] = Select(
            [(s, s) for s in GOAL_STATUSES], value=goal.get("status") or "active",
            allow_blank=False, compact=True, id="goal-status",
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

    def on_mount(self) -> None:
        self._show_due(self.due_input.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.due_input:
            self._show_due(event.value)

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


class Picker(ModalScreen[Any]):
    """Choose one of a list; dismisses with the chosen value, or None on escape."""

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, heading: str, items: list[tuple[Any, Text]]) -> None:
        super().__init__()
        self.heading = heading
        self.choices = [value for value, _ in items]
        self.options = OptionList(*(Option(label) for _, label in items))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.heading), classes="form-title")
            yield self.options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question; the safe answer has the focus, so a stray enter keeps things."""

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: Text, yes: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.yes_button = Button(yes, variant="error", id="yes")
        self.no_button = Button("Keep", id="no")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="form-title", markup=False)
            with Horizontal(classes="form-buttons"):
                yield self.yes_button
                yield self.no_button

    def on_mount(self) -> None:
        self.no_button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button is self.yes_button)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

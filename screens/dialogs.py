"""The dialogs the screens share: the record form's frame, a picker, a yes/no question.

A `RecordForm` writes through a `save` callable in a thread worker and closes only once
the write worked: a refusal from the store (a duplicate code, an unreadable date) comes
back as a `SaveRefused` message and is shown inside the form, so nothing the user typed
is lost. Escape always closes without writing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from journal.errors import JournalError

Saved = TypeVar("Saved", bound=Mapping[str, Any])
"""The kind of record a form saves: Goal, Skill, Entry."""
Save = Callable[[dict[str, Any]], Saved]
"""Writes the form's values and returns the stored record (`Save[Goal]`, ...)."""

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


@dataclass
class FormSaved(Message, Generic[Saved]):
    """The form's write worked: it closes with the stored record."""

    record: Saved


@dataclass
class SaveRefused(Message):
    """The store refused the form's values (`message` says why); the form stays open."""

    message: str


class RecordForm(ModalScreen[Saved | None]):
    """Shared form behaviour: ctrl+s or enter saves once, escape cancels, errors stay in view."""

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", tooltip="Save and close"),
    ]

    def __init__(self, heading: str, save: Save[Saved]) -> None:
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
            self.post_message(SaveRefused(str(err)))
            return
        self.post_message(FormSaved(saved))

    @on(SaveRefused)
    def _refused(self, event: SaveRefused) -> None:
        self.show_error(event.message)

    @on(FormSaved)
    def _form_saved(self, event: FormSaved[Saved]) -> None:
        self.dismiss(event.record)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()


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

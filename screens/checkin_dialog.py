"""The check-in dialog: a value (and a confidence) on one measurable goal, saved as a
`checkin` entry, exactly as `journal checkin CODE VALUE` would save it."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from journal.errors import JournalError, ValidationError
from journal.models import CONFIDENCES, Record
from journal.store.journal_store import JournalStore
from journal.textsafe import visible_line
from screens.goal_form import app_now, store_lock


class CheckinDialog(ModalScreen[Record | None]):
    """Record where a goal stands; escape cancels."""

    DEFAULT_CSS = """
    CheckinDialog { align: center middle; }
    CheckinDialog > Vertical {
        width: 64; height: auto; padding: 1 2; border: round $accent; background: $surface;
    }
    CheckinDialog #checkin-error { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def __init__(self, store: JournalStore, goal: Record) -> None:
        super().__init__()
        self.store = store
        self.goal = goal

    def compose(self) -> ComposeResult:
        unit = str((self.goal.get("metric") or {}).get("unit") or "")
        with Vertical():
            yield Label(Text(visible_line(f"Check in: {self.goal['title']}")))
            yield Input(placeholder=f"value{f' in {unit}' if unit else ''}", id="checkin-value")
            yield Select(
                [(c, c) for c in CONFIDENCES],
                prompt="confidence (optional)",
                id="checkin-confidence",
            )
            yield Input(placeholder="note (optional)", id="checkin-note")
            yield Static("", id="checkin-error", markup=False)
            yield Label("enter saves · escape cancels")

    @property
    def value(self) -> Input:
        return self.query_one("#checkin-value", Input)

    def on_mount(self) -> None:
        self.value.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        picked = self.query_one("#checkin-confidence", Select).value
        confidence = picked if isinstance(picked, str) else None
        note = self.query_one("#checkin-note", Input).value.strip()
        self._save(self.value.value, confidence, note)

    @work(thread=True, exclusive=True, group="checkin-save")
    def _save(self, value: str, confidence: str | None, note: str) -> None:
        from journal.goal_metrics import checkin_item

        try:
            item: dict[str, Any] = checkin_item(
                self.goal,
                value,
                when=app_now(self.app).isoformat(),
                note=note,
                confidence=confidence,
            )
            with store_lock(self.app):
                saved = self.store.add_entries([item])[0]
        except (ValidationError, JournalError) as err:
            self.app.call_from_thread(self._refused, str(err))
            return
        self.app.call_from_thread(self.dismiss, saved)

    def _refused(self, message: str) -> None:
        self.query_one("#checkin-error", Static).update(Text(message))

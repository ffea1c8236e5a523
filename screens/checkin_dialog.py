"""The check-in dialog of the Goals screen (key k): a value for a goal's metric, read
live as it is typed, with an optional note and confidence.

It reads VALUE exactly as `journal checkin` does (`journal.measure.value_for`), so '375ms',
'34%' and '1,250' work here too, and a wrong unit is said before anything is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from journal.errors import ValidationError
from journal.live import LiveJournal
from journal.measure import value_for, with_unit
from journal.models import CONFIDENCES
from journal.records import Entry, Goal
from journal.store.journal_store import JournalStore
from screens.dialogs import RecordForm, Save, row


class CheckinForm(RecordForm[Entry]):
    """Value (parsed live), note, confidence; saving writes one check-in entry."""

    def __init__(self, goal: Goal, save: Save[Entry]) -> None:
        super().__init__(f"Check in on {goal['code']}: {goal['title']}", save)
        metric: Mapping[str, Any] = goal.get("metric") or {}
        self.unit = str(metric.get("unit") or "")
        self.value_input = Input(
            placeholder="the value now, e.g. 375" + (f" or 375{self.unit}" if self.unit else ""),
            compact=True,
            id="checkin-value",
        )
        self.value_hint = Static("", classes="form-hint", markup=False, id="checkin-hint")
        self.note_input = Input(
            placeholder="what changed (optional)", compact=True, id="checkin-note"
        )
        self.confidence = Select(
            [(c, c) for c in CONFIDENCES],
            prompt="confidence (optional)",
            compact=True,
            id="checkin-confidence",
        )
        baseline = with_unit(metric.get("baseline"), self.unit)
        target = with_unit(metric.get("target"), self.unit)
        self.scale = Static(Text(f"from {baseline} to {target}"), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield row("Value", self.value_input)
        yield self.value_hint
        yield self.scale
        yield row("Note", self.note_input)
        yield row("Confidence", self.confidence)

    def on_mount(self) -> None:
        self.value_input.focus()

    def read_value(self) -> float | None:
        """The typed value, or None after saying in the hint why it cannot be read."""
        typed = self.value_input.value.strip()
        if not typed:
            self.value_hint.update(Text("type a number"))
            self.value_hint.set_class(False, "-bad")
            return None
        try:
            value = value_for(typed, self.unit)
        except ValidationError as err:
            self.value_hint.update(Text(str(err)))
            self.value_hint.set_class(True, "-bad")
            return None
        self.value_hint.update(Text(f"reads as {with_unit(value, self.unit)}"))
        self.value_hint.set_class(False, "-bad")
        return value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.value_input:
            self.read_value()

    def values(self) -> dict[str, Any] | None:
        if self.read_value() is None:
            self.show_error("The value is not a number yet: see the hint under it.")
            return None
        confidence = self.confidence.value
        return {
            "value": self.value_input.value.strip(),
            "note": self.note_input.value.strip(),
            "confidence": confidence if isinstance(confidence, str) else None,
        }


def checkin_saver(live: LiveJournal, goal: Goal) -> Save[Entry]:
    """The form's `save`: one check-in on `goal`, dated by the live journal's clock, in one
    write (the Goals screen's `k` and the coach's no-checkin nudge both use it)."""

    def save(values: dict[str, Any]) -> Entry:
        from journal.goal_metrics import add_checkin

        def change(store: JournalStore) -> Entry:
            return add_checkin(
                store,
                goal["id"],
                values["value"],
                when=live.now(),
                note=values["note"],
                confidence=values["confidence"],
            )

        return live.write(change).result

    return save

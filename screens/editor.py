"""The entry editor: a modal form that saves through a callback and returns the record.

Text fields show control characters as visible pictures (ESC as ␛): Input and TextArea
would otherwise send them to the terminal. A field left unchanged saves its original
text byte for byte; an edited field saves what is shown.

The editor runs the save itself (in a thread worker) instead of handing the form back,
so a failed save (disk full, read-only journal) leaves it open with everything typed
and the error on screen. Escape never writes; ctrl+s writes once (a second press while
saving is ignored). The date is parsed as you type and a date it cannot read blocks
the save.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from journal.dates import DateError, from_iso, human_date, parse_when
from journal.models import KINDS, SENTIMENTS, Record, ValidationError, normalise_tags
from journal.storage import JournalError
from journal.textsafe import visible, visible_line
from screens.widgets.pick_list import PickList

Save = Callable[[dict[str, Any]], Record]
"""Writes the form's fields to the journal and returns the stored record (runs in a thread)."""


class EntryEditor(ModalScreen[Record | None]):
    """Add or edit one entry."""

    CSS_PATH = "editor.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        *,
        save: Save,
        now: datetime,
        goals: Sequence[Record] = (),
        skills: Sequence[Record] = (),
        entry: Record | None = None,
        kind: str = "note",
    ) -> None:
        super().__init__()
        self._save = save
        self._now = now
        self._goals, self._skills = list(goals), list(skills)
        self._entry = entry
        self._kind = entry["kind"] if entry else kind
        self._when_text = from_iso(entry["when"]).strftime("%Y-%m-%d %H:%M") if entry else "now"
        self._when: datetime | None = None
        self._saving = False
        self._originals: dict[str, str] = {}

    def _shown(self, name: str, original: str, multiline: bool = False) -> str:
        """What a field shows for `original`; remembered so an unchanged field round-trips."""
        self._originals[name] = original
        return visible(original) if multiline else visible_line(original)

    def _typed(self, name: str, typed: str) -> str:
        """The field's value to save: the original text when the shown text is unchanged."""
        original = self._originals.get(name, "")
        shown = visible(original) if name == "body" else visible_line(original)
        return original if typed == shown else typed

    def compose(self) -> ComposeResult:
        entry = self._entry or {}
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Edit entry" if self._entry else "New entry"
            with Horizontal(classes="row"):
                yield Label("Kind", classes="label")
                yield Select(
                    [(Text(k), k) for k in KINDS], value=self._kind, allow_blank=False,
                    id="kind", compact=True,
                )
                yield Label("When", classes="label short")
                yield Input(self._when_text, id="when", compact=True)
                yield Static(id="when-parsed", markup=False)
            with Horizontal(classes="row"):
                yield Label("Title", classes="label")
                yield Input(self._shown("title", entry.get("title", "")), id="title", compact=True,
                            placeholder="what happened, in a line")
            yield TextArea(
                self._shown("body", entry.get("body", ""), multiline=True),
                id="body", compact=True, soft_wrap=True,
                placeholder="details (Markdown)",
            )
            with Horizontal(classes="row", id="feedback-row"):
                yield Label("From", classes="label")
                yield Input(
                    self._shown("source", entry.get("source") or ""), id="source", compact=True,
                    placeholder="who said it",
                )
                yield Label("Sentiment", classes="label")
                yield Select(
                    [(Text(s), s) for s in SENTIMENTS], value=entry.get("sentiment") or Select.NULL,
                    prompt="(none)", id="sentiment", compact=True,
                )
            with Horizontal(classes="row"):
                yield Label("Tags", classes="label")
                yield Input(
                    self._shown("tags", " ".join(entry.get("tags", []))), id="tags", compact=True,
                    placeholder="words, space separated",
                )
            with Horizontal(id="links"):
                yield PickList(
                    [(g["id"], f"{g['code']}  {g['title']}") for g in self._goals],
                    entry.get("goals", []), placeholder="goals: type to filter", id="goals",
                )
                yield PickList(
                    [(s["id"], f"{s['code']}  {s['name']}") for s in self._skills],
                    entry.get("skills", []), placeholder="skills: type to filter", id="skills",
                )
            yield Static(id="error", markup=False)
            yield Static(Text("ctrl+s save   esc cancel   tab next field", style="dim"), id="hint")

    # -- typed access ----------------------------------------------------------------

    def _input(self, name: str) -> Input:
        return self.query_one(f"#{name}", Input)

    @property
    def kind_select(self) -> Select[str]:
        return self.query_one("#kind", Select)

    @property
    def sentiment_select(self) -> Select[str]:
        return self.query_one("#sentiment", Select)

    @property
    def body_area(self) -> TextArea:
        return self.query_one("#body", TextArea)

    @property
    def error(self) -> Static:
        return self.query_one("#error", Static)

    @property
    def when_parsed(self) -> Static:
        return self.query_one("#when-parsed", Static)

    def on_mount(self) -> None:
        self._show_when(self._when_text)
        self._show_kind(self._kind)
        self._input("title").focus()

    # -- live feedback ---------------------------------------------------------------

    @on(Input.Changed, "#when")
    def _when_changed(self, event: Input.Changed) -> None:
        self._show_when(event.value)

    def _show_when(self, text: str) -> None:
        try:
            when = parse_when(text, now=self._now)
        except DateError:
            self._when = None
            self.when_parsed.update(Text("✗ unreadable date", style="bold"))
            self.when_parsed.set_class(True, "-invalid")
            return
        self._when = when
        self.when_parsed.update(Text(f"→ {when:%a} {human_date(when)} {when:%H:%M}"))
        self.when_parsed.set_class(False, "-invalid")

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._show_kind(event.value)

    def _show_kind(self, kind: str) -> None:
        self._kind = kind
        self.query_one("#feedback-row").display = kind == "feedback"

    # -- saving ----------------------------------------------------------------------

    def form(self) -> dict[str, Any]:
        """The fields as the store takes them; raises ValidationError to refuse."""
        when_text = self._input("when").value
        data: dict[str, Any] = {}
        if self._entry and when_text.strip() == self._when_text:
            pass  # unchanged: leave the stored timestamp exactly as it is
        elif self._when is None:
            try:
                parse_when(when_text, now=self._now)
            except DateError as err:
                raise ValidationError(f"Fix the date before saving: {err}") from None
            raise ValidationError("Fix the date before saving")
        else:
            data["when"] = self._when
        title = self._typed("title", self._input("title").value).strip()
        if not title:
            raise ValidationError("Write a title before saving")
        feedback = self._kind == "feedback"
        sentiment = self.sentiment_select.value
        return data | {
            "kind": self._kind,
            "title": title,
            "body": self._typed("body", self.body_area.text),
            "tags": normalise_tags(self._typed("tags", self._input("tags").value).split()),
            "goals": self.query_one("#goals", PickList).chosen,
            "skills": self.query_one("#skills", PickList).chosen,
            "source": (self._typed("source", self._input("source").value).strip() or None)
            if feedback
            else None,
            "sentiment": sentiment if feedback and isinstance(sentiment, str) else None,
        }

    def action_save(self) -> None:
        if self._saving:
            return
        try:
            data = self.form()
        except ValidationError as err:
            self._show_error(str(err))
            return
        self._saving = True
        self._show_error("Saving…")
        self._write(data)

    @work(thread=True, group="editor-save", description="save the entry")
    def _write(self, data: dict[str, Any]) -> None:
        try:
            record = self._save(data)
        except (JournalError, ValidationError, DateError, OSError) as err:
            self.app.call_from_thread(self._save_failed, str(err))
            return
        self.app.call_from_thread(self.dismiss, record)

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self._show_error(f"Not saved: {message}")
        self.notify("The entry was not saved; it is still here.", severity="error", markup=False)

    def _show_error(self, message: str) -> None:
        self.error.update(Text(visible(message)))

    def action_cancel(self) -> None:
        if not self._saving:
            self.dismiss(None)

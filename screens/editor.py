"""The entry editor: a modal form that saves through a callback and returns the record.

Text fields show control characters as visible pictures (ESC as ␛): Input and TextArea
would otherwise send them to the terminal. A field left unchanged saves its original
text byte for byte; an edited field saves what is shown.

The editor runs the save itself (in a thread worker that posts `EntryWritten` or
`WriteFailed`) instead of handing the form back, so a failed save (disk full, read-only
journal) leaves it open with everything typed and the error on screen. Escape never
writes, and asks before throwing changes away; ctrl+s writes once (a second press while
saving is ignored). The date is parsed as you type and a date it cannot read blocks the
save.

What is typed is kept as a draft beside the journal (`journal.drafts`) shortly after
typing stops, and at once when the editor goes away unsaved (the app closing, or the
terminal: the app calls `flush_draft` on SIGHUP and SIGTERM). The next editor opened on
the same entry, or on a new one for a new entry's draft, takes it back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static, TextArea

from journal.dates import parse_when
from journal.errors import DateError, JournalError, ValidationError
from journal.models import KINDS, SENTIMENTS, normalise_tags, split_title
from journal.records import Entry, Goal, Skill
from journal.textsafe import visible, visible_line
from journal.timestamps import FUTURE_NOTE, from_iso, human_date, in_future
from screens.dialogs import Confirm
from screens.editor_draft import EditorDraft
from screens.messages import WriteFailed
from screens.widgets.pick_list import PickList

DRAFT_DELAY = 0.6
"""Seconds after the last change before the draft is written (as the review's)."""

# As `journal add` (journal.cli.entries.report_added): the slack, and its words on stderr.

Save = Callable[[dict[str, Any]], Entry]
"""Writes the form's fields to the journal and returns the stored record (runs in a thread)."""


@dataclass
class EntryWritten(Message, bubble=False):
    """The editor's save worked: `record` as stored (the editor then dismisses with it)."""

    record: Entry


class EntryEditor(ModalScreen[Entry | None]):
    """Add or edit one entry."""

    CSS_PATH = "editor.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        # A modal's bindings end the chain: the app's F1 and ctrl+p never see the key.
        Binding("f1", "app.help", "Help", show=False, system=True),
        Binding("ctrl+p", "app.command_palette", "Palette", show=False, system=True),
    ]

    def __init__(
        self,
        *,
        save: Save,
        now: datetime,
        goals: Sequence[Goal] = (),
        skills: Sequence[Skill] = (),
        entry: Entry | None = None,
        kind: str = "note",
        journal: Path | None = None,
    ) -> None:
        """`journal`: the journal's path, to keep a draft beside it (None: no drafts)."""
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
        self._draft = EditorDraft(journal, entry["id"] if entry else None)
        self._initial: dict[str, Any] | None = None  # the fields as opened
        self._latest: dict[str, Any] = {}  # as last changed (flushed after unmounting)
        self._draft_timer: Timer | None = None

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
            with Horizontal(classes="row", id="when-row"):
                yield Label("Kind", classes="label", markup=False)
                yield Select(
                    # a check-in needs a value: `k` on the Goals screen writes one
                    [(Text(k), k) for k in KINDS if k != "checkin" or self._kind == k],
                    value=self._kind,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
                yield Label("When", classes="label short", markup=False)
                yield Input(self._when_text, id="when", compact=True)
                yield Static(id="when-parsed", markup=False)
            yield Static(id="when-note", markup=False)
            with Horizontal(classes="row"):
                yield Label("Title", classes="label")
                yield Input(
                    self._shown("title", entry.get("title", "")),
                    id="title",
                    compact=True,
                    placeholder="what happened, in a line",
                )
            yield TextArea(
                self._shown("body", entry.get("body", ""), multiline=True),
                id="body",
                compact=True,
                soft_wrap=True,
                placeholder="details (Markdown)",
            )
            with Horizontal(classes="row", id="feedback-row"):
                yield Label("From", classes="label")
                yield Input(
                    self._shown("source", entry.get("source") or ""),
                    id="source",
                    compact=True,
                    placeholder="who said it",
                )
                yield Label("Sentiment", classes="label")
                yield Select(
                    [(Text(s), s) for s in SENTIMENTS],
                    value=entry.get("sentiment") or Select.NULL,
                    prompt="(none)",
                    id="sentiment",
                    compact=True,
                )
            with Horizontal(classes="row", id="impact-row"):
                yield Label("Impact", classes="label")
                yield Input(
                    self._shown("impact", entry.get("impact") or ""),
                    id="impact",
                    compact=True,
                    placeholder="what the win changed, short: p95 -34%, $1.2M ARR",
                )
            with Horizontal(classes="row"):
                yield Label("Tags", classes="label")
                yield Input(
                    self._shown("tags", " ".join(entry.get("tags", []))),
                    id="tags",
                    compact=True,
                    placeholder="words, space separated",
                )
            with Horizontal(id="links"):
                yield PickList(
                    [(g["id"], f"{g['code']}  {g['title']}") for g in self._goals],
                    entry.get("goals", []),
                    placeholder="goals: type to filter",
                    id="goals",
                )
                yield PickList(
                    [(s["id"], f"{s['code']}  {s['name']}") for s in self._skills],
                    entry.get("skills", []),
                    placeholder="skills: type to filter",
                    id="skills",
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
        self._initial = self._latest = self.fields()
        self._take_back_draft()

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
            self._show_future(False)
            return
        self._when = when
        self.when_parsed.update(Text(f"→ {when:%a} {human_date(when)} {when:%H:%M}"))
        self.when_parsed.set_class(False, "-invalid")
        self._show_future(in_future(when, self._now))

    def _show_future(self, future: bool) -> None:
        """Taken as typed, but said: the note sits in the blank line under the date."""
        self.query_one("#when-note", Static).update(Text(f"⚠ {FUTURE_NOTE}") if future else "")
        self.query_one("#when-row").set_class(future, "-noted")
        self.set_class(future, "-future")

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._show_kind(event.value)

    def _show_kind(self, kind: str) -> None:
        self._kind = kind
        self.query_one("#feedback-row").display = kind == "feedback"
        self.query_one("#impact-row").display = kind == "win"

    # -- drafts ----------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """What the form shows, unparsed: the draft, and the test for unsaved changes."""
        sentiment = self.sentiment_select.value
        return {
            "kind": self._kind,
            "when": self._input("when").value,
            "title": self._input("title").value,
            "body": self.body_area.text,
            "source": self._input("source").value,
            "impact": self._input("impact").value,
            "sentiment": sentiment if isinstance(sentiment, str) else None,
            "tags": self._input("tags").value,
            "goals": self.query_one("#goals", PickList).chosen,
            "skills": self.query_one("#skills", PickList).chosen,
        }

    @property
    def changed(self) -> bool:
        return self._initial is not None and self._latest != self._initial

    def _take_back_draft(self) -> None:
        draft = self._draft.load()
        if draft is None:
            return
        fields = draft["fields"]
        for name in ("when", "title", "source", "impact", "tags"):
            if isinstance(fields.get(name), str):
                self._input(name).value = fields[name]
        if isinstance(fields.get("body"), str):
            self.body_area.text = fields["body"]
        if fields.get("kind") in KINDS:
            self.kind_select.value = fields["kind"]
            self._show_kind(fields["kind"])
        sentiment = fields.get("sentiment")
        self.sentiment_select.value = sentiment if sentiment in SENTIMENTS else Select.NULL
        for name in ("goals", "skills"):
            if isinstance(fields.get(name), list):
                self.query_one(f"#{name}", PickList).choose(fields[name])
        with contextlib.suppress(TypeError, ValueError):
            at = datetime.fromisoformat(draft["saved"]).astimezone()
            self.notify(
                f"Took back the draft you were writing ({at:%d %b %H:%M}); escape throws it away.",
                title="Unsaved entry",
                markup=False,
            )

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(PickList.Changed)
    def _something_changed(self) -> None:
        if self._initial is None or self._draft.finished:
            return
        self._latest = self.fields()
        if not self._draft.kept:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._draft_soon)

    def _draft_soon(self) -> None:
        self._draft_worker(self._latest, self._draft.next_turn())

    @work(thread=True, group="editor-draft", description="keep a draft")
    def _draft_worker(self, fields: dict[str, Any], turn: int) -> None:
        self._draft.keep(fields, self._initial, turn)

    def flush_draft(self) -> None:
        """Keep what is typed now, synchronously (the app closing or the terminal gone)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self._initial is not None and not self._draft.finished:
            self._draft.keep(self._latest, self._initial, self._draft.next_turn())

    def on_unmount(self) -> None:
        self.flush_draft()

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
        body = self._typed("body", self.body_area.text)
        if not title and body.strip():  # as `journal add`: the first sentence is the title
            title, body = split_title(body)
        if not title:
            raise ValidationError("Write a title before saving")
        feedback = self._kind == "feedback"
        sentiment = self.sentiment_select.value
        return data | {
            "kind": self._kind,
            "title": title,
            "body": body,
            "tags": normalise_tags(self._typed("tags", self._input("tags").value).split()),
            "goals": self.query_one("#goals", PickList).chosen,
            "skills": self.query_one("#skills", PickList).chosen,
            "source": (self._typed("source", self._input("source").value).strip() or None)
            if feedback
            else None,
            "sentiment": sentiment if feedback and isinstance(sentiment, str) else None,
            "impact": (self._typed("impact", self._input("impact").value).strip() or None)
            if self._kind == "win"
            else None,
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
            self.post_message(WriteFailed("Not saved", str(err)))
            return
        self._draft.finish()
        self.post_message(EntryWritten(record))

    @on(EntryWritten)
    def _written(self, event: EntryWritten) -> None:
        self.dismiss(event.record)  # the caller hears it through dismiss

    @on(WriteFailed)
    def _save_failed(self, event: WriteFailed) -> None:
        event.stop()  # the editor's own: it stays open with the error shown
        self._saving = False
        self._show_error(f"{event.title}: {event.message}")
        self.notify("The entry was not saved; it is still here.", severity="error", markup=False)

    def _show_error(self, message: str) -> None:
        self.error.update(Text(visible(message)))
        self.error.display = bool(message)  # no blank line taken from the body

    def action_cancel(self) -> None:
        if self._saving:
            return
        if not self.changed:
            self._draft.finish()
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._draft.finish()
                self.dismiss(None)

        question = Text("Throw away what you changed in this entry?")
        self.app.push_screen(Confirm(question, yes="Discard"), answered)

"""The Weekly review screen (`w`): the week's material beside one prompt at a time.

The walk is `journal.coach.walk.WeeklyWalk`, the one `journal weekly` drives, so the
questions, last week's top three, the check-ins and the goals to link are asked the
same way. Each reply is kept as a draft (in a worker) at once; leaving the screen, or
the terminal closing, keeps it, and coming back resumes it. The last reply saves the
reflection and its check-ins in one write. The workers post past-tense messages
(`WeekRead`, `WeeklySaved`, ...), handled here on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from journal.coach.questions import load_question_set
from journal.coach.settings import CoachSettings
from journal.coach.streak import review_days, streak
from journal.coach.walk import WeeklyWalk
from journal.coach.weekly import (
    Material,
    WeeklyDraft,
    discard_draft,
    keep_draft,
    load_draft,
    save_weekly,
    week_material,
)
from journal.errors import JournalError, ValidationError
from journal.live import LiveJournal
from journal.records import Entry, Goal
from journal.textsafe import visible_line
from screens.messages import JournalWritten, ReadFailed, WriteFailed

SHOWN = 15  # material lines per kind


@dataclass
class WeekRead(Message, bubble=False):
    """The week's material and the walk are ready (`resumed`: from a kept draft)."""

    walk: WeeklyWalk
    material: Text
    weeks: int
    resumed: bool


@dataclass
class DraftNotKept(Message, bubble=False):
    """Keeping the draft failed (`message` says why); the answers are still on screen."""

    message: str


@dataclass
class WeeklySaved(Message, bubble=False):
    """The reflection and its check-ins were saved (`saved`), `weeks` the streak now."""

    saved: list[Entry]
    weeks: int


def material_text(material: Material, codes: dict[str, str]) -> Text:
    text = Text(
        f"Your week: {material.start.isoformat()} to {material.end.isoformat()}\n", style="bold"
    )
    for label, entries in (
        ("Entries", material.entries),
        ("Check-ins", material.checkins),
        ("Feedback", material.feedback),
    ):
        text.append(f"\n{label} ({len(entries)})\n", style="bold")
        for entry in entries[:SHOWN]:
            links = " ".join(f"@{codes.get(g, g)}" for g in entry.get("goals") or ())
            line = f"{str(entry['when'])[5:10]}  {entry['title']}  {links}".rstrip()
            text.append(f"{visible_line(line)}\n")
        if len(entries) > SHOWN:
            text.append(f"... and {len(entries) - SHOWN} more\n", style="dim")
    return text


class WeeklyScreen(Screen[None]):
    """Look back on the week, one question at a time."""

    CSS_PATH = "weekly.tcss"
    SUB_TITLE = "Weekly review"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "leave",
            "Leave (draft kept)",
            tooltip="Back to the journal; the answers so far are kept",
        ),
        Binding("ctrl+r", "restart", "Start over", tooltip="Throw the draft away"),
    ]

    def __init__(self, live: LiveJournal, settings: CoachSettings | None = None) -> None:
        super().__init__()
        self.live = live
        self.settings = settings or CoachSettings()
        self.walk: WeeklyWalk | None = None
        self.saved: Entry | None = None
        self._lines_shown: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="weekly-panes"):
            with VerticalScroll(id="weekly-material-pane"):
                yield Static(Text("Reading the journal…"), id="weekly-material", markup=False)
            with Vertical(id="weekly-walk"):
                yield Static("", id="weekly-streak", markup=False)
                yield Static("", id="weekly-prompt", markup=False)
                yield Static("", id="weekly-error", markup=False)
                yield Input(id="weekly-reply")
                yield Static(
                    Text("enter answers (blank skips) · escape leaves, the draft is kept"),
                    id="weekly-hint",
                    markup=False,
                )
        yield Footer(compact=True, show_command_palette=False)

    @property
    def reply(self) -> Input:
        return self.query_one("#weekly-reply", Input)

    def _static(self, name: str) -> Static:
        return self.query_one(f"#weekly-{name}", Static)

    # -- starting ----------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        if self.walk is None:
            self.saved = None
            self._start(self.live.now(), self.settings.questions)
        self.reply.focus()

    @work(thread=True, exclusive=True, group="weekly-start")
    def _start(self, now: datetime, choice: str) -> None:
        try:
            questions = load_question_set(choice).questions
            with self.live.reading() as store:  # one state of the journal
                entries = list(store.raw_entries())
                goals = store.goals.all()
                codes = store.code_map()
            kept = load_draft(self.live.path)
            material = week_material(entries, now.date())
            draft_questions, replies = (
                (tuple(kept[0].questions), kept[0].replies) if kept else (questions, [])
            )
            walk = WeeklyWalk(
                draft_questions,
                entries,
                goals,
                now,
                material.goal_ids,
                self._goal_of(goals),
                replies,
            )
        except (ValidationError, JournalError) as err:
            self.post_message(ReadFailed("Weekly review", str(err)))
            return
        weeks = streak(review_days(entries), now.date())
        if not get_current_worker().is_cancelled:
            self.post_message(WeekRead(walk, material_text(material, codes), weeks, bool(kept)))

    @on(ReadFailed)
    def _not_read(self, event: ReadFailed) -> None:
        event.stop()
        self.notify(event.message, title=event.title, severity="error", markup=False)

    @staticmethod
    def _goal_of(goals: list[Goal]) -> Callable[[str], Goal]:
        def resolve(ref: str) -> Goal:
            wanted = ref.strip().lower()
            for goal in goals:
                if wanted in (goal["id"], goal.get("code")):
                    return goal
            codes = ", ".join(sorted(str(g.get("code")) for g in goals)) or "none yet"
            raise ValidationError(f"no goal {ref!r} (known: {codes})")

        return resolve

    @on(WeekRead)
    def _ready(self, event: WeekRead) -> None:
        self.walk, weeks = event.walk, event.weeks
        self._lines_shown = ()
        self._static("material").update(event.material)
        word = "week" if weeks == 1 else "weeks"
        note = "\nPicked up your draft (ctrl+r starts over)" if event.resumed else ""
        self._static("streak").update(Text(f"Weekly review streak: {weeks} {word}{note}"))
        self._show_prompt()

    def _show_prompt(self) -> None:
        walk = self.walk
        if walk is None or walk.prompt is None:
            return
        prompt = walk.prompt
        if prompt.lines:
            self._lines_shown = prompt.lines
        lines = [*self._lines_shown, prompt.ask.strip()]
        self._static("prompt").update(Text("\n".join(visible_line(x) for x in lines)))
        self._static("error").update(Text(visible_line(prompt.error or "")))
        self.reply.disabled = False
        self.reply.focus()

    # -- answering ---------------------------------------------------------------------

    @on(Input.Submitted, "#weekly-reply")
    def _answered(self, event: Input.Submitted) -> None:
        if self.walk is None or self.walk.done:
            return
        self.walk.answer(event.value)
        self.reply.value = ""
        if self.walk.done:
            self.reply.disabled = True
            self._static("prompt").update(Text("Saving the weekly review…"))
            self._save(self.walk.draft, self.live.now())
        else:
            self._keep(self._draft())
            self._show_prompt()

    def _draft(self) -> WeeklyDraft:
        assert self.walk is not None
        self.walk.draft.replies = list(self.walk.replies)
        return self.walk.draft

    @work(thread=True, exclusive=True, group="weekly-draft")
    def _keep(self, draft: WeeklyDraft) -> None:
        try:
            keep_draft(self.live.path, draft)
        except (OSError, JournalError) as err:
            self.post_message(DraftNotKept(str(err)))

    @on(DraftNotKept)
    def _draft_not_kept(self, event: DraftNotKept) -> None:
        self.notify(f"Could not keep the draft: {event.message}", severity="warning", markup=False)

    def flush_draft(self) -> None:
        """The app is closing (or the terminal went away): keep the answers now."""
        if self.walk is not None and not self.walk.done and self.walk.replies:
            keep_draft(self.live.path, self._draft())

    @work(thread=True, exclusive=True, group="weekly-save")
    def _save(self, draft: WeeklyDraft, now: datetime) -> None:
        try:
            written = self.live.write(lambda store: save_weekly(store, draft, now))
            saved = written.result
            weeks = streak(review_days(written.snapshot.entries), now.date())
        except (ValidationError, JournalError) as err:
            keep_draft(self.live.path, draft)
            self.post_message(WriteFailed("Not saved (the draft is kept)", str(err)))
            return
        self.post_message(WeeklySaved(saved, weeks))

    @on(WeeklySaved)
    def _saved(self, event: WeeklySaved) -> None:
        saved, weeks = event.saved, event.weeks
        self.saved = saved[0]
        self.walk = None
        checkins = len(saved) - 1
        extra = f" and {checkins} check-in{'' if checkins == 1 else 's'}" if checkins else ""
        word = "week" if weeks == 1 else "weeks"
        message = f"Saved {saved[0]['id']}: {saved[0]['title']}{extra}."
        self._static("prompt").update(Text(visible_line(message)))
        self._static("streak").update(Text(f"Weekly review streak: {weeks} {word}"))
        self.notify(visible_line(message), markup=False)
        self.post_message(JournalWritten())

    @on(WriteFailed)
    def _not_saved(self, event: WriteFailed) -> None:
        event.stop()  # the screen's own: it says so in its error line
        self._static("error").update(Text(f"{event.title}: {event.message}"))
        self.walk = None

    # -- leaving -----------------------------------------------------------------------

    def action_leave(self) -> None:
        from screens.messages import SwitchScreen

        self.flush_draft()
        self.post_message(SwitchScreen("journal"))

    def action_restart(self) -> None:
        discard_draft(self.live.path)
        self.walk = None
        self._start(self.live.now(), self.settings.questions)

"""The Coach screen (`o`): the nudges, most important first; enter acts on one.

The list comes from `journal.coach.nudges.nudges`, the function `journal coach` prints,
so both show the same nudges. Enter does what resolves the highlighted nudge: opens the
goal or the skill, the skill-from-feedback dialog, the check-in dialog, the weekly
review or the review screen. `z` snoozes a nudge for a week, `x` dismisses it for good
(both stored in the journal, honoured by the CLI too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from journal.coach.nudges import nudges
from journal.coach.scan import Nudge
from journal.coach.settings import CoachSettings
from journal.coach.snoozes import dismiss, snooze
from journal.coach.streak import review_days, streak
from journal.errors import JournalError, ValidationError
from journal.live import LiveJournal, Snapshot
from journal.records import Entry
from journal.store.journal_store import JournalStore
from journal.textsafe import visible_line
from screens.live_screen import LiveScreen
from screens.messages import JournalWritten, ShowGoal, ShowSkill, SwitchScreen, WriteFailed

SNOOZE_DAYS = 7
ACTS = {
    "quiet-goal": "open the goal",
    "off-track": "open the goal",
    "unsmart-goal": "open the goal",
    "no-checkin": "check in",
    "feedback-to-act-on": "make a skill from it",
    "idle-skill": "open the skill",
    "weekly-review-due": "start the weekly review",
    "review-coming": "open the review",
}


def nudge_text(nudge: Nudge) -> Text:
    """One nudge as three lines; user text (titles) made terminal-safe, never markup."""
    text = Text()
    text.append(nudge.kind, style="bold")
    text.append(f"  {visible_line(nudge.title)}\n")
    text.append(f"  {visible_line(nudge.reason)}\n", style="dim")
    text.append(f"  enter: {ACTS[nudge.kind]}  ·  {visible_line(nudge.action)}", style="italic")
    return text


@dataclass
class NudgesFound(Message):
    """A worker ranked the snapshot's nudges."""

    found: list[Nudge]
    weeks: int


@dataclass
class NudgeHidden(JournalWritten):
    """A nudge was snoozed or dismissed (stored in the journal)."""

    message: str


class CoachScreen(LiveScreen):
    """What to do next, with the key that does it."""

    CSS_PATH = "coach.tcss"
    SUB_TITLE = "Coach"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("z", "snooze", "Snooze a week", tooltip="Hide this nudge for seven days"),
        Binding("x", "dismiss_nudge", "Dismiss", tooltip="Hide this nudge for good"),
    ]

    def __init__(self, live: LiveJournal, settings: CoachSettings | None = None) -> None:
        super().__init__(live)
        self.settings = settings or CoachSettings()
        self.found: list[Nudge] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Reading the journal…"), id="coach-summary", markup=False)
        yield OptionList(id="nudges")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def nudge_list(self) -> OptionList:
        return self.query_one("#nudges", OptionList)

    @property
    def summary(self) -> Static:
        return self.query_one("#coach-summary", Static)

    @property
    def highlighted(self) -> Nudge | None:
        index = self.nudge_list.highlighted
        return self.found[index] if index is not None and index < len(self.found) else None

    def on_mount(self) -> None:
        self.nudge_list.focus()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._load(snapshot, self.live.now(), self.settings)

    @work(thread=True, exclusive=True, group="coach-load")
    def _load(self, snapshot: Snapshot, now: datetime, settings: CoachSettings) -> None:
        found = nudges(snapshot, now, settings)
        weeks = streak(review_days(snapshot.entries), now.date())
        if not get_current_worker().is_cancelled:
            self.post_message(NudgesFound(found, weeks))

    @on(NudgesFound)
    def _show(self, event: NudgesFound) -> None:
        found, weeks = event.found, event.weeks
        keep = self.highlighted.key if self.highlighted else None
        self.found = found
        week_word = "week" if weeks == 1 else "weeks"
        if found:
            noun = "nudge" if len(found) == 1 else "nudges"
            line = (
                f"{len(found)} {noun}, most important first  ·  weekly review streak: "
                f"{weeks} {week_word}  ·  enter acts, z snoozes a week, x dismisses"
            )
        else:
            line = f"Nothing to nudge about  ·  weekly review streak: {weeks} {week_word}"
        self.summary.update(Text(line))
        options = self.nudge_list
        options.clear_options()
        options.add_options([Option(nudge_text(n), id=n.key) for n in found])
        keys = [n.key for n in found]
        if found:
            options.highlighted = keys.index(keep) if keep in keys else 0

    # -- acting ------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#nudges")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.found):
            self.act(self.found[event.option_index])

    def act(self, nudge: Nudge) -> None:
        """Do what resolves the nudge."""
        if nudge.kind in ("quiet-goal", "off-track", "unsmart-goal") and nudge.target:
            self.post_message(ShowGoal(nudge.target))
        elif nudge.kind == "idle-skill" and nudge.target:
            self.post_message(ShowSkill(nudge.target))
        elif nudge.kind == "feedback-to-act-on" and nudge.target:
            from screens.skill_feedback import start_skill_from_feedback

            snapshot = self.snapshot or Snapshot()
            start_skill_from_feedback(self.app, self.live, snapshot, nudge.target)
        elif nudge.kind == "no-checkin" and nudge.target:
            self.check_in(nudge.target)
        elif nudge.kind == "weekly-review-due":
            self.post_message(SwitchScreen("weekly"))
        elif nudge.kind == "review-coming":
            self.post_message(SwitchScreen("review"))

    def check_in(self, goal_id: str) -> None:
        """The Goals screen's check-in dialog, on the nudge's goal."""
        from screens.checkin_dialog import CheckinForm, checkin_saver

        goal = self.snapshot.goal(goal_id) if self.snapshot is not None else None
        if goal is None:
            return

        def done(saved: Entry | None) -> None:
            if saved is not None:
                self.notify(visible_line(f"Checked in: {saved['title']}"), markup=False)
                self.post_message(JournalWritten())

        self.app.push_screen(CheckinForm(goal, checkin_saver(self.live, goal)), done)

    def action_snooze(self) -> None:
        nudge = self.highlighted
        if nudge is not None:
            until = self.live.now().date() + timedelta(days=SNOOZE_DAYS)
            self._hide(nudge.key, until.isoformat())

    def action_dismiss_nudge(self) -> None:
        nudge = self.highlighted
        if nudge is not None:
            self._hide(nudge.key, None)

    @work(thread=True, group="coach-write")
    def _hide(self, key: str, until: str | None) -> None:
        from datetime import date

        def change(store: JournalStore) -> None:
            if until is None:
                dismiss(store, key)
            else:
                snooze(store, key, date.fromisoformat(until))

        try:
            self.live.write(change)
        except (JournalError, ValidationError) as err:
            self.post_message(WriteFailed("Not saved", str(err)))
            return
        message = f"Dismissed {key}" if until is None else f"Snoozed {key} until {until}"
        self.post_message(NudgeHidden(message))

    @on(NudgeHidden)
    def _hidden(self, event: NudgeHidden) -> None:
        self.notify(event.message, markup=False)

    @on(WriteFailed)
    def _write_failed(self, event: WriteFailed) -> None:
        self.notify(f"{event.title}: {event.message}", severity="error", markup=False)

"""The Coach screen (`o`): the nudges, most important first; enter acts on one.

The list comes from `journal.coach.nudges.nudges`, the function `journal coach` prints,
so both show the same nudges. Enter does what resolves the highlighted nudge: opens the
goal or the skill, the skill-from-feedback dialog, the check-in dialog, the weekly
review or the review screen. `z` snoozes a nudge for a week, `x` dismisses it for good
(both stored in the journal, honoured by the CLI too).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from journal.coach.nudges import nudges
from journal.coach.scan import Nudge
from journal.coach.settings import CoachSettings
from journal.coach.snoozes import dismiss, snooze
from journal.coach.streak import review_days, streak
from journal.errors import JournalError, ValidationError
from journal.models import Record
from journal.store.journal_store import JournalStore
from journal.textsafe import visible_line
from screens.goal_form import app_now, store_lock
from screens.messages import JournalWritten, ShowGoal, ShowSkill, SwitchScreen

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


class CoachScreen(Screen[None]):
    """What to do next, with the key that does it."""

    CSS_PATH = "coach.tcss"
    SUB_TITLE = "Coach"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("z", "snooze", "Snooze a week", tooltip="Hide this nudge for seven days"),
        Binding("x", "dismiss_nudge", "Dismiss", tooltip="Hide this nudge for good"),
    ]

    def __init__(self, store: JournalStore) -> None:
        super().__init__()
        self.store = store
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
    def settings(self) -> CoachSettings:
        settings = getattr(self.app, "coach_settings", None)
        return settings if isinstance(settings, CoachSettings) else CoachSettings()

    @property
    def highlighted(self) -> Nudge | None:
        index = self.nudge_list.highlighted
        return self.found[index] if index is not None and index < len(self.found) else None

    def on_mount(self) -> None:
        self.nudge_list.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_journal_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._load(app_now(self.app), self.settings)

    @work(thread=True, exclusive=True, group="coach-load")
    def _load(self, now: datetime, settings: CoachSettings) -> None:
        try:
            with store_lock(self.app):
                self.store.refresh()
                found = nudges(self.store, now, settings)
                weeks = streak(review_days(self.store.raw_entries()), now.date())
        except JournalError as err:
            self.app.call_from_thread(self.notify, str(err), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, found, weeks)

    def _show(self, found: list[Nudge], weeks: int) -> None:
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
            from screens.skills import start_skill_from_feedback

            start_skill_from_feedback(self.app, self.store, nudge.target)
        elif nudge.kind == "no-checkin" and nudge.target:
            self.check_in(nudge.target)
        elif nudge.kind == "weekly-review-due":
            self.post_message(SwitchScreen("weekly"))
        elif nudge.kind == "review-coming":
            self.post_message(SwitchScreen("review"))

    def check_in(self, goal_id: str) -> None:
        """The Goals screen's check-in dialog, on the nudge's goal."""
        from screens.checkin_dialog import CheckinForm

        snapshot = getattr(self.app, "snapshot", None)
        goal = snapshot.goal(goal_id) if snapshot is not None else None
        if goal is None:
            return
        store, app = self.store, self.app

        def save(values: dict[str, Any]) -> Record:
            from journal.goal_metrics import add_checkin

            return add_checkin(
                store,
                goal["id"],
                values["value"],
                when=app_now(app),
                note=values["note"],
                confidence=values["confidence"],
            )

        def done(saved: dict[str, Any] | None) -> None:
            if saved is not None:
                self.notify(visible_line(f"Checked in: {saved['title']}"), markup=False)
                self.post_message(JournalWritten())

        self.app.push_screen(CheckinForm(goal, save), done)

    def action_snooze(self) -> None:
        nudge = self.highlighted
        if nudge is not None:
            until = app_now(self.app).date() + timedelta(days=SNOOZE_DAYS)
            self._hide(nudge.key, until.isoformat())

    def action_dismiss_nudge(self) -> None:
        nudge = self.highlighted
        if nudge is not None:
            self._hide(nudge.key, None)

    @work(thread=True, group="coach-write")
    def _hide(self, key: str, until: str | None) -> None:
        from datetime import date

        try:
            with store_lock(self.app):
                if until is None:
                    dismiss(self.store, key)
                else:
                    snooze(self.store, key, date.fromisoformat(until))
        except (JournalError, ValidationError) as err:
            self.app.call_from_thread(self.notify, str(err), severity="error", markup=False)
            return
        message = f"Dismissed {key}" if until is None else f"Snoozed {key} until {until}"
        self.app.call_from_thread(self.notify, message, markup=False)
        self.app.call_from_thread(self.post_message, JournalWritten())

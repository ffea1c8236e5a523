"""Feedback to a development goal in one flow, from the journal screen or the Skills screen.

`start_goal_from_feedback(app, store, entry_id)` reads the entry and the ranked company
goals in a worker, then opens the goal form pre-filled as a personal goal: its title from
the feedback's theme, the feedback shown as the reason, the company goals to weave it into
ranked by overlap (the best one chosen). Saving is `goal_from_feedback`: the goal, its
reason, and a plan step on the chosen company goal `for` it, in one write.

The read runs in a worker of `FeedbackReading`, a transparent modal that shows nothing and
only exists to hear the worker's past-tense message (`FeedbackRead`, or `FeedbackRefused`
with the notice to give) on the UI thread; it dismisses at once with what was read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Select, Static

from journal.errors import JournalError, ValidationError
from journal.live import LiveJournal
from journal.planning.develop import goal_from_feedback
from journal.planning.weave import Proposal, rank_company_goals, theme_title
from journal.records import Entry, Goal, Skill
from journal.store.journal_store import JournalStore
from journal.textsafe import visible_line
from screens.dialogs import Save, row
from screens.goal_form import GoalForm
from screens.messages import GoalSaved
from screens.skill_form import feedback_line

NOWHERE = "(none yet)"


def weave_label(proposal: Proposal) -> str:
    why = f": {'; '.join(proposal.reasons)}" if proposal.reasons else ""
    return visible_line(f"{proposal.goal['code']} (score {proposal.score}{why})")


class DevelopmentGoalForm(GoalForm):
    """The goal form as a development goal from feedback, with where to weave it in."""

    def __init__(
        self,
        entry: Entry,
        proposals: list[Proposal],
        skills: list[Skill],
        goals: list[Goal],
        save: Save[Goal],
        now: datetime,
    ) -> None:
        prefill: Goal = {"title": theme_title(entry, skills), "scope": "personal"}
        super().__init__(
            "New development goal from feedback", prefill, save, now, goals=goals, scope="personal"
        )
        self.entry = entry
        self.proposals = proposals
        options = [(weave_label(p), str(p.goal["id"])) for p in proposals]
        self.weave_select: Select[str] = Select(
            [*options, (NOWHERE, "")],
            value=options[0][1] if options else "",
            allow_blank=False,
            compact=True,
            id="goal-weave",
        )
        self.notes_area.styles.height = 2

    def compose_fields(self) -> ComposeResult:
        yield row("Why", Static(feedback_line(self.entry), classes="form-value", markup=False))
        yield from super().compose_fields()
        yield row("Weave into", self.weave_select)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select is self.weave_select:
            self.show_smart()

    def typed_goal(self) -> Goal:
        goal = super().typed_goal()
        chosen = str(self.weave_select.value or "")
        return {**goal, "supports": [chosen] if chosen else []}

    def values(self) -> dict[str, Any] | None:
        found = super().values()
        if found is None:
            return None
        return {**found, "into": str(self.weave_select.value or "") or None}


@dataclass
class FeedbackRead(Message, bubble=False):
    """The feedback entry and what the form needs were read; the proposals ranked."""

    entry: Entry
    proposals: list[Proposal]
    skills: list[Skill]
    goals: list[Goal]


@dataclass
class FeedbackRefused(Message, bubble=False):
    """No development goal from this entry (`message` says why: unreadable, not feedback)."""

    message: str
    severity: SeverityLevel


class FeedbackReading(ModalScreen[FeedbackRead | None]):
    """Read the feedback and rank the company goals in a worker; dismiss with the result."""

    DEFAULT_CSS = "FeedbackReading { background: transparent; }"

    def __init__(self, live: LiveJournal, entry_id: str) -> None:
        super().__init__()
        self.live = live
        self.entry_id = entry_id

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self._read()

    @work(thread=True, group="goal-from-feedback", description="read the feedback")
    def _read(self) -> None:
        entry_id = self.entry_id
        try:
            with self.live.reading() as store:  # one state of the journal
                entry = store.entries.get(entry_id)
                goals, skills = store.goals.all(), store.skills.all()
                entries = list(store.raw_entries())
        except (ValidationError, JournalError) as err:
            self.post_message(FeedbackRefused(str(err), "error"))
            return
        if entry["kind"] != "feedback":
            self.post_message(
                FeedbackRefused(
                    f"{entry_id} is a {entry['kind']}, not feedback: "
                    "a development goal comes from feedback",
                    "warning",
                )
            )
            return
        proposals = rank_company_goals(entry, entries, goals)
        self.post_message(FeedbackRead(entry, proposals, skills, goals))

    @on(FeedbackRead)
    def _read_done(self, event: FeedbackRead) -> None:
        self.dismiss(event)

    @on(FeedbackRefused)
    def _refused(self, event: FeedbackRefused) -> None:
        self.notify(event.message, severity=event.severity, markup=False)
        self.dismiss(None)


def start_goal_from_feedback(
    app: App[Any],
    live: LiveJournal,
    entry_id: str,
    on_saved: Callable[[Goal], None] | None = None,
) -> None:
    """Open the development goal form for feedback `entry_id` (from any screen)."""

    def save(values: dict[str, Any]) -> Goal:
        return live.write(lambda store: weave(store, values)).result

    def weave(store: JournalStore, values: dict[str, Any]) -> Goal:
        woven = goal_from_feedback(
            store,
            entry_id,
            title=values["title"],
            into=values.get("into"),
            code=values.get("code"),
            measure=values.get("measure", ""),
            target=values.get("target", ""),
            due=values.get("due"),
        )
        if values.get("notes") or values.get("status", "active") != "active":
            return store.goals.update(
                woven.goal["id"],
                notes=values.get("notes", ""),
                status=values.get("status", "active"),
            )
        return woven.goal

    def open_form(read: FeedbackRead | None) -> None:
        if read is None:
            return

        def done(saved: Goal | None) -> None:
            if saved is None:
                return
            woven = saved.get("supports") or []
            where = f", woven into {woven[0]}" if woven else ""
            app.notify(
                Text(f"Development goal {saved['code']} from {entry_id}{where}").plain, markup=False
            )
            app.post_message(GoalSaved(saved["id"]))
            if on_saved is not None:
                on_saved(saved)

        form = DevelopmentGoalForm(
            read.entry, read.proposals, read.skills, read.goals, save, live.now()
        )
        app.push_screen(form, done)

    app.push_screen(FeedbackReading(live, entry_id), open_form)

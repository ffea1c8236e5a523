"""The Review screen: the evening before a performance review.

Pick a period in words, then walk the company goals one by one: the evidence found (space
drops an item or takes it back), a month-by-month chart, a rating and a narrative. The
overview holds the title, summary, readiness, gaps and feedback; skills get a narrative
too. Every change is saved as a draft shortly after you stop typing (a thread worker,
one write at a time, newest wins) and once more when the screen goes away, so closing the
app mid-sentence loses nothing. `x` exports to a file, `c` copies the Markdown (both in
review/export.py).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import (
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
)

from journal.errors import DateError
from journal.live import LiveJournal, Snapshot
from journal.periods import Period, parse_period
from journal.records import Review
from journal.review import saved as rv
from journal.review.assess import assess
from journal.review.assessment import Assessment, GoalReport
from screens.messages import ReadFailed, WriteFailed
from screens.review import views
from screens.review.answers import FormsLoaded, choose_form, open_answers, previous_rating_text
from screens.review.export import ExportingScreen
from screens.review.panes import GoalList, GoalPane, OverviewPane, SkillPane, quiet
from screens.review.saving import DraftSaved, DraftSaver

DEFAULT_PERIOD = "this year"


@dataclass
class Assessed(Message):
    """The assessment worker finished."""

    assessment: Assessment


class ReviewScreen(ExportingScreen):
    """Build a self-assessment from the journal's evidence and export it."""

    CSS_PATH = "review.tcss"
    SUB_TITLE = "Review"
    AUTO_FOCUS = "#goal-list"
    BINDINGS = [
        Binding("x", "export", "Export", tooltip="Export the review to a file"),
        Binding("c", "copy", "Copy MD", tooltip="Copy the review as Markdown"),
        Binding("n", "new_review", "New review", tooltip="Start a new saved review"),
        Binding("a", "answers", "Form", tooltip="Answer the review's form, question by question"),
        Binding("p", "focus_period", "Period", tooltip="Type the period: Q3, last quarter…"),
        Binding("escape", "focus_list", "Goals", show=False, tooltip="Back to the goal list"),
    ]

    def __init__(self, live: LiveJournal) -> None:
        super().__init__(live)
        self.review: Review | None = None  # the live draft; None until the first edit
        self.saved: list[Review] = []
        self.period: Period | None = None
        self.assessment: Assessment | None = None
        self.shown = views.OVERVIEW
        self._period_text = ""
        self.saver = DraftSaver(self, live)
        self._saved_read = False  # the saved reviews are listed from the first snapshot

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-bar"):
            yield Label("Period", classes="bar-label", markup=False)
            yield Input(
                placeholder="H1 2026, last quarter, 2026-01-01..2026-06-30",
                id="period",
                compact=True,
            )
            yield Select[str]([], prompt="New review (unsaved)", id="review-select", compact=True)
        yield Static("", id="period-error", markup=False)
        with Horizontal(id="review-body"):
            yield GoalList(id="goal-list")
            with ContentSwitcher(initial="overview-pane", id="review-panes"):
                yield OverviewPane(id="overview-pane")
                yield GoalPane(id="goal-pane")
                yield SkillPane(id="skill-pane")
        yield Static("", id="review-status-line", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    @property
    def goal_list(self) -> GoalList:
        return self.query_one(GoalList)

    def action_focus_list(self) -> None:
        self.goal_list.focus()

    def action_focus_period(self) -> None:
        self._widget("period", Input).focus()

    # Letters that act on the whole review work from the goal list only: elsewhere a
    # user who thinks they are typing must not export, copy or start a new review.
    LIST_ONLY = frozenset({"export", "copy", "new_review", "focus_period", "answers"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (
            action in self.LIST_ONLY
            and self.focused is not None
            and (self.focused is not self.goal_list)
        ):
            return None  # shown dimmed in the footer; escape goes back to the list
        return True

    def _widget(self, ident: str, kind: type[Any]) -> Any:
        return self.query_one(f"#{ident}", kind)

    def _status(self, message: str) -> None:
        self._widget("review-status-line", Static).update(Text(message))

    # -- clock, data -----------------------------------------------------------------

    def now(self) -> datetime:
        return self.live.now()

    def on_mount(self) -> None:
        self._set_period_text(DEFAULT_PERIOD)
        self.period = parse_period(DEFAULT_PERIOD, self.now())

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """The first snapshot lists the saved reviews (and opens the newest); later ones
        only re-assess: the draft being written stays as it is."""
        if not self._saved_read:
            self._saved_read = True
            self._saved_loaded([r.copy() for r in snapshot.reviews])
        else:
            self._reassess()

    def _saved_loaded(self, saved: list[Review]) -> None:
        self.saved = sorted(saved, key=lambda r: str(r.get("updated", "")), reverse=True)
        self._fill_review_select()
        if self.review is None and self.saved:
            self._open(self.saved[0])
        else:
            self._reassess()

    def on_screen_suspend(self) -> None:
        self.saver.save_now()

    def on_unmount(self) -> None:
        self.flush_draft()

    def flush_draft(self) -> None:
        """Closing the app (or the terminal gone): write the draft now, synchronously,
        whatever the debounce says."""
        self.saver.flush()

    # -- the assessment --------------------------------------------------------------

    def _new_title(self) -> str:
        """The title a new review for the period gets: the default, unique among saved ones."""
        assert self.period is not None
        return rv.unique_title(
            rv.default_title(self.period), [str(r.get("title", "")) for r in self.saved]
        )

    def _reassess(self) -> None:
        if self.period is not None:
            review = copy.deepcopy(self.review) if self.review else {"title": self._new_title()}
            self._assess(self.period, review, self.now().date())

    def export_assessment(self) -> Assessment | None:
        """The assessment with the live title and status (typed since it was built)."""
        a, review = self.assessment, self.review
        if a is None or review is None:
            return a
        return dataclasses.replace(
            a,
            title=str(review.get("title") or a.title),
            status=str(review.get("status") or a.status),
        )

    @work(thread=True, exclusive=True, group="review-assess")
    def _assess(self, period: Period, review: Review | None, today: Any) -> None:
        snapshot = self.snapshot or Snapshot()
        result = assess(
            snapshot.entries, list(snapshot.goals), list(snapshot.skills), period, review, today
        )
        self.post_message(Assessed(result))

    @on(Assessed)
    def _assessed(self, event: Assessed) -> None:
        self._show_assessment(event.assessment)

    def _show_assessment(self, a: Assessment) -> None:
        first = self.assessment is None
        self.assessment = a
        self.goal_list.show(a, self.shown)
        self._show(self.shown, rebuild=first)
        title = self._widget("review-title", Input)
        if not title.has_focus and title.value != a.title:
            with quiet(self):  # a title nobody typed follows the period
                title.value = a.title

    def _report(self, key: str) -> GoalReport | None:
        a = self.assessment
        return next((g for g in a.all_goals() if f"goal:{g.id}" == key), None) if a else None

    @on(OptionList.OptionHighlighted, "#goal-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.shown:
            self._show(event.option.id, rebuild=True)

    @on(OptionList.OptionSelected, "#goal-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        target = {"goal": "#rating", "skill": "#skill-narrative"}.get(self.shown.split(":")[0])
        self.query_one(target or "#summary").focus()

    def _show(self, key: str, rebuild: bool) -> None:
        a = self.assessment
        if a is None:
            return
        self.shown = key
        switcher = self.query_one(ContentSwitcher)
        if key.startswith("goal:") and (rep := self._report(key)) is not None:
            switcher.current = "goal-pane"
            self.query_one(GoalPane).show(a, rep, rebuild)
            self.query_one(GoalPane).show_previous(
                previous_rating_text(self.review, self.saved, rep.id)
            )
            return
        skill = next((s for s in a.skills if f"skill:{s.skill['id']}" == key), None)
        if skill is not None:
            switcher.current = "skill-pane"
            self.query_one(SkillPane).show(skill, rebuild)
            return
        self.shown = views.OVERVIEW
        switcher.current = "overview-pane"
        self.query_one(OverviewPane).show(a, rebuild)

    # -- editing ---------------------------------------------------------------------

    def _edit(self, change: Callable[[Review], None], reassess: bool = True) -> None:
        """Apply a change to the draft (creating it on the first edit) and save it soon."""
        if self.period is None:
            return
        if self.review is None:
            self.review = rv.new_review(self.period, self._new_title())
        change(self.review)
        self.saver.changed()
        if reassess:
            self._reassess()

    def _goal_id(self) -> str | None:
        return self.shown.split(":", 1)[1] if self.shown.startswith("goal:") else None

    @on(GoalPane.RatingChosen)
    def _rating_changed(self, event: GoalPane.RatingChosen) -> None:
        goal_id, value = self._goal_id(), event.rating
        current = rv.goal_part(self.review or {}, goal_id or "").get("rating")
        if goal_id and value != current:
            self._edit(lambda r: rv.set_rating(r, goal_id, value))

    @on(GoalPane.NarrativeEdited)
    def _narrative_changed(self, event: GoalPane.NarrativeEdited) -> None:
        goal_id, text = self._goal_id(), event.text
        if goal_id and text != rv.goal_part(self.review or {}, goal_id).get("narrative", ""):
            self._edit(lambda r: rv.set_narrative(r, goal_id, text))

    @on(GoalPane.EvidenceToggled)
    def _evidence_toggled(self, event: GoalPane.EvidenceToggled) -> None:
        goal_id, entry_id, dropped = self._goal_id(), event.entry_id, not event.kept
        if goal_id:
            self._edit(lambda r: rv.set_excluded(r, goal_id, entry_id, dropped))

    @on(SkillPane.NarrativeEdited)
    def _skill_changed(self, event: SkillPane.NarrativeEdited) -> None:
        skill_id, text = self.shown.split(":", 1)[-1], event.text
        if self.shown.startswith("skill:") and text != rv.skill_narrative(
            self.review or {}, skill_id
        ):
            self._edit(lambda r: rv.set_skill_narrative(r, skill_id, text))

    @on(OverviewPane.TextEdited)
    def _overview_text_changed(self, event: OverviewPane.TextEdited) -> None:
        field, text = event.field, event.text
        if text != (self.review or {}).get(field, ""):
            self._edit(lambda r: r.__setitem__(field, text))

    @on(OverviewPane.TitleEdited)
    def _title_changed(self, event: OverviewPane.TitleEdited) -> None:
        title = event.title.strip()
        current = (self.review or {}).get("title") or (self.assessment and self.assessment.title)
        if title and title != current:
            self._edit(lambda r: r.__setitem__("title", title))

    @on(OverviewPane.StatusChosen)
    def _status_changed(self, event: OverviewPane.StatusChosen) -> None:
        if event.status != (self.review or {}).get("status", "draft"):
            self._edit(lambda r: r.__setitem__("status", event.status))

    def _set_period_text(self, text: str) -> None:
        self._period_text = text
        field = self._widget("period", Input)
        with quiet(self):
            field.value = text
        if not field.has_focus:
            field.cursor_position = 0  # show the start of a long period, not ".2026-11-30"

    @on(Input.Blurred, "#period")
    def _period_left(self, event: Input.Blurred) -> None:
        event.input.cursor_position = 0  # the start of the period, not its last characters

    @on(Input.Changed, "#period")
    def _period_changed(self, event: Input.Changed) -> None:
        if event.value == self._period_text:
            return
        self._period_text = event.value
        error = self._widget("period-error", Static)
        try:
            period = parse_period(event.value, self.now())
        except DateError as err:
            error.update(Text(str(err)))
            error.add_class("-shown")
            return
        error.update("")
        error.remove_class("-shown")
        self.period = period
        if self.review is not None:
            self._edit(lambda r: self._move(r, period))
        else:
            self._reassess()

    def _move(self, review: Review, period: Period) -> None:
        """Move the draft to a period; a default title follows it, unique among the rest."""
        follows = rv.follows_period(review)
        rv.set_period(review, period)
        if follows:
            others = [str(r.get("title", "")) for r in self.saved if r["id"] != review.get("id")]
            review["title"] = rv.unique_title(review["title"], others)

    # -- saved reviews ---------------------------------------------------------------

    def _fill_review_select(self) -> None:
        select = self._widget("review-select", Select)
        with quiet(self):
            select.set_options([(Text(str(r.get("title", r["id"]))), r["id"]) for r in self.saved])
            if self.review is not None and self.review.get("id"):
                select.value = self.review["id"]

    def _open(self, record: Review) -> None:
        self.review = copy.deepcopy(record)
        self.period = rv.review_period(record)
        self._set_period_text(self.period.label)
        self._widget("period-error", Static).update("")
        self.assessment = None  # rebuild every pane from the newly opened review
        self._fill_review_select()
        self._reassess()

    @on(Select.Changed, "#review-select")
    def _review_chosen(self, event: Select.Changed) -> None:
        current = (self.review or {}).get("id")
        if event.value == current or (event.value is Select.NULL and self.review is None):
            return
        self.saver.save_now()
        chosen = next((r for r in self.saved if r["id"] == event.value), None)
        if chosen is not None:
            self._open(chosen)
        else:
            self.review, self.assessment = None, None
            self._reassess()

    def action_answers(self) -> None:
        open_answers(self)

    def action_new_review(self) -> None:
        """A fresh review for this period: saved once something is written in it."""
        if self.period is None:
            return
        self.saver.save_now()
        self.saver.forget()
        self.review, self.assessment = rv.new_review(self.period, self._new_title()), None
        select = self._widget("review-select", Select)
        with quiet(self):
            select.clear()
        self._status("New review: saved once you write in it")
        self.notify(f"New review: {self.review['title']}", markup=False)
        self._reassess()

    # -- saving (when and whether: saving.DraftSaver) ------------------------

    @on(WriteFailed)
    @on(ReadFailed)
    def _failed(self, event: WriteFailed | ReadFailed) -> None:
        event.stop()  # said here; the app has nothing to do with it
        self.notify(event.message, title=event.title, severity="error", markup=False)

    @on(FormsLoaded)
    def _forms_loaded(self, event: FormsLoaded) -> None:
        choose_form(self, event.forms)

    @on(DraftSaved)
    def _draft_saved(self, event: DraftSaved) -> None:
        self.draft_saved(event.live, event.saved)

    def draft_saved(self, live: Review, saved: Review) -> None:
        """A write worked: remember the id, list the review, say so."""
        live.setdefault("id", saved["id"])
        self.saved = [r for r in self.saved if r["id"] != saved["id"]]
        self.saved.insert(0, saved)
        self._fill_review_select()
        self._status(
            f"Draft saved {self.now():%H:%M:%S}"
            if saved.get("status") == "draft"
            else f"Saved {self.now():%H:%M:%S}"
        )

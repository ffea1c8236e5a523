"""The review screen's widgets: the goal list and the three panes beside it.

Each pane composes its own fields and knows how to show an assessment (`show`); setting
fields from the model is done with their Changed messages suppressed, so the screen
only ever hears about what the user typed. A pane turns its fields' Changed messages
into its own past-tense ones (`GoalPane.RatingChosen`, `OverviewPane.TextEdited`, ...),
so the screen listens to the pane, not to the ids inside it. Layout lives in review.tcss.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import (
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Sparkline,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from journal.review.assessment import Assessment, GoalReport, SkillReport
from screens.review import views
from screens.widgets.pick_list import CheckList


def quiet(widget: Widget) -> contextlib.AbstractContextManager[None]:
    """Set fields from the model without their Changed messages looking like edits."""
    return widget.prevent(Input.Changed, Select.Changed, TextArea.Changed)


class GoalList(OptionList):
    """Overview, company goals (sub-goals indented), personal goals, then skills."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.keys: list[str] = []

    def show(self, a: Assessment, current: str) -> None:
        """Refresh the prompts in place, or rebuild when the set of items changed."""
        gaps = {g.id for g in a.gaps}
        company: list[tuple[str, Table | Text]] = [
            (f"goal:{g.id}", views.goal_prompt(g, g.id in gaps)) for g in a.company_goals()
        ]
        personal: list[tuple[str, Table | Text]] = [
            (f"goal:{g.id}", views.goal_prompt(g, False)) for g in a.personal
        ]
        skills: list[tuple[str, Table | Text]] = [
            (f"skill:{s.skill['id']}", views.skill_prompt(s)) for s in a.skills
        ]
        overview: list[tuple[str, Table | Text]] = [(views.OVERVIEW, views.heading("Overview"))]
        groups: list[tuple[str, list[tuple[str, Table | Text]]]] = [
            ("", overview),
            ("Company goals", company),
            ("Personal goals", personal),
            ("Skills", skills),
        ]
        items = [item for _, group in groups for item in group]
        keys = [key for key, _ in items]
        if keys == self.keys:
            for key, prompt in items:
                self.replace_option_prompt(key, prompt)
            return
        self.keys = keys
        options: list[Option] = []
        for label, group in groups:
            if label and group:
                options.append(Option(Text(label, style="dim italic"), disabled=True))
            options += [Option(prompt, id=key) for key, prompt in group]
        self.clear_options()
        self.add_options(options)
        self.highlighted = self.get_option_index(current if current in keys else views.OVERVIEW)


class EvidenceList(CheckList):
    """The shown goal's evidence: ticked (☑) items count, space drops or restores one."""


class OverviewPane(VerticalScroll):
    """Title and status, summary, readiness, gaps and stale goals, feedback, next steps."""

    @dataclass
    class TitleEdited(Message):
        """The user changed the review's title (`title` as typed)."""

        title: str

    @dataclass
    class StatusChosen(Message):
        """The user chose the review's status (draft or final)."""

        status: str

    @dataclass
    class TextEdited(Message):
        """The user edited the summary or the next steps (`field`: summary, next_steps)."""

        field: str
        text: str

    def compose(self) -> ComposeResult:
        yield Static(id="readiness", markup=False)
        with Horizontal(classes="row"):
            yield Label("Title", classes="field-label", markup=False)
            yield Input(id="review-title", compact=True)
            yield Select(
                [("Draft", "draft"), ("Final", "final")],
                value="draft",
                allow_blank=False,
                id="review-status",
                compact=True,
            )
        yield Label("Summary (what a manager reads first)", classes="field-label", markup=False)
        yield TextArea(id="summary", compact=True, soft_wrap=True)
        yield Static(id="gaps", markup=False)
        yield Static(id="feedback", markup=False)
        yield Label("Next period: development actions", classes="field-label", markup=False)
        yield TextArea(id="next-steps", compact=True, soft_wrap=True)

    def show(self, a: Assessment, rebuild: bool) -> None:
        self.query_one("#readiness", Static).update(views.readiness_text(a))
        self.query_one("#gaps", Static).update(views.gaps_text(a))
        self.query_one("#feedback", Static).update(views.feedback_text(a))
        if rebuild:
            with quiet(self):
                self.query_one("#review-title", Input).value = a.title
                self.query_one("#review-status", Select).value = a.status
                self.query_one("#summary", TextArea).load_text(a.summary)
                self.query_one("#next-steps", TextArea).load_text(a.next_steps)

    @on(Input.Changed, "#review-title")
    def _title_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.TitleEdited(event.value))

    @on(Select.Changed, "#review-status")
    def _status_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.StatusChosen(str(event.value)))

    @on(TextArea.Changed, "#summary")
    @on(TextArea.Changed, "#next-steps")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        field = "summary" if event.text_area.id == "summary" else "next_steps"
        self.post_message(self.TextEdited(field, event.text_area.text))


class GoalPane(Vertical):
    """One goal: facts and counts, the month chart, rating, narrative and the evidence."""

    @dataclass
    class RatingChosen(Message):
        """The user chose a rating for the shown goal (None: not rated)."""

        rating: str | None

    @dataclass
    class NarrativeEdited(Message):
        """The user edited the shown goal's narrative."""

        text: str

    @dataclass
    class EvidenceToggled(Message):
        """The user kept (`kept`) or dropped an evidence entry of the shown goal."""

        entry_id: str
        kept: bool

    def compose(self) -> ComposeResult:
        yield Static(id="goal-header", markup=False)
        yield Sparkline([], id="goal-chart", summary_function=max)
        yield Static(id="goal-chart-caption", markup=False)
        with Horizontal(classes="row"):
            yield Label("Rating", classes="field-label", markup=False)
            yield Select[str]([], prompt="Not rated", id="rating", compact=True)
            yield Static(id="previous-rating", markup=False)
        yield Label(
            "Narrative: what happened, and why it matters", classes="field-label", markup=False
        )
        yield TextArea(id="narrative", compact=True, soft_wrap=True)
        yield Label("Evidence (space keeps or drops an item)", classes="field-label", markup=False)
        yield EvidenceList(id="evidence", compact=True)

    def show(self, a: Assessment, rep: GoalReport, rebuild: bool) -> None:
        self.query_one("#goal-header", Static).update(views.goal_header(a, rep))
        self.query_one(Sparkline).data = rep.months or [0]
        self.query_one("#goal-chart-caption", Static).update(views.chart_caption(a, rep))
        if not rebuild:
            return
        rating = self.query_one("#rating", Select)
        scale = list(a.scale) + ([rep.rating] if rep.rating and rep.rating not in a.scale else [])
        with quiet(self):
            rating.set_options([(Text(r), r) for r in scale])
            rating.value = rep.rating if rep.rating else Select.NULL
            self.query_one("#narrative", TextArea).load_text(rep.narrative)
        titles = {g.id: g.title for g in a.all_goals()}
        evidence = self.query_one(EvidenceList)
        evidence.clear_options()
        evidence.add_options(
            [
                Selection(views.evidence_prompt(ev, titles), ev.id, ev.id not in rep.excluded)
                for ev in rep.found
            ]
        )
        if rep.found:
            evidence.highlighted = 0

    def show_previous(self, text: str) -> None:
        """The previous cycle's rating of this goal, beside the rating being chosen."""
        self.query_one("#previous-rating", Static).update(Text(text, style="dim"))

    @on(Select.Changed, "#rating")
    def _rating_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(
            self.RatingChosen(None if event.value is Select.NULL else str(event.value))
        )

    @on(TextArea.Changed, "#narrative")
    def _narrative_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.NarrativeEdited(event.text_area.text))

    @on(SelectionList.SelectionToggled, "#evidence")
    def _evidence_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        event.stop()
        entry_id = str(event.selection.value)
        kept = entry_id in event.selection_list.selected
        self.post_message(self.EvidenceToggled(entry_id, kept))


class SkillPane(Vertical):
    """One skill: its narrative for this review, then level, plan, origin and practice."""

    @dataclass
    class NarrativeEdited(Message):
        """The user edited the shown skill's narrative for this review."""

        text: str

    def compose(self) -> ComposeResult:
        yield Label("How the skill grew this period", classes="field-label", markup=False)
        yield TextArea(id="skill-narrative", compact=True, soft_wrap=True)
        with VerticalScroll(id="skill-info-scroll"):
            yield Static(id="skill-info", markup=False)

    def show(self, skill: SkillReport, rebuild: bool) -> None:
        self.query_one("#skill-info", Static).update(views.skill_text(skill))
        if rebuild:
            with quiet(self):
                self.query_one("#skill-narrative", TextArea).load_text(skill.narrative)

    @on(TextArea.Changed, "#skill-narrative")
    def _narrative_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.NarrativeEdited(event.text_area.text))

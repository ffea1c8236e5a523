"""The Plan screen (next cycle's proposal) and the 1:1 agenda screen, from the Goals screen.

Both show the same text the command line writes (`journal plan export`, `journal 1on1`),
built by the same domain functions in a worker, in a read-only TextArea: select any part,
or `c` copies all of it. The Plan screen also exports to a file (`x`). The workers post
past-tense messages (`TextBuilt`, `ProposalExported`, ...), handled on the screen. User
text reaches the screen as TextArea content or `Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from journal.errors import DateError, JournalError
from journal.live import LiveJournal
from journal.periods import parse_period
from journal.planning.describe import plan_lines
from journal.planning.smart import smart_check
from journal.records import Entry, Goal, Skill
from journal.textsafe import visible_line
from screens.clipboard import Copied, copy_in_thread, show_copied
from screens.review.export import ExportFailed, ExportPrompt
from screens.widgets.smart_marks import marks_text

CSS = """
PlanScreen, AgendaScreen { layout: vertical; }
.planning-bar { height: 1; padding: 0 1; }
.planning-bar > Label { width: auto; margin-right: 1; color: $text-muted; }
.planning-bar > Input { width: 30; }
.planning-status { height: 1; padding: 0 1; color: $text-muted; }
#planning-text { height: 1fr; }
"""


@dataclass
class TextBuilt(Message, bubble=False):
    """The screen's text was built from the journal."""

    text: str


@dataclass
class TextNotBuilt(Message, bubble=False):
    """The text could not be built (`message` says why: a cycle it cannot read, ...)."""

    message: str


@dataclass
class ProposalExported(Message, bubble=False):
    """The proposal was written to `path`."""

    path: Path


def plan_text(goal: Goal, goals: list[Goal], skills: Iterable[Skill], today: date) -> Text:
    """The Goals screen's extra detail: SMART marks, agreement, plan steps, woven in."""
    text = Text("\n\nSMART  ", style="bold")
    text.append_text(marks_text(smart_check(goal, goals, today)))
    text.append("\n")
    for line in plan_lines(goal, goals, skills):
        text.append("\n" + visible_line(line), style="bold" if not line.startswith(" ") else "")
    return text


def next_cycle(today: date) -> str:
    """The half-year after today's: 'H1 2027' in the second half of 2026."""
    return f"H2 {today.year}" if today.month <= 6 else f"H1 {today.year + 1}"


class PlanExportPrompt(ExportPrompt):
    """The review's export prompt, for the proposal (md, html or txt)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export the proposal to a file", classes="prompt-title")
            yield Input(self.default, id="export-path", compact=True)
            yield Static(
                Text(
                    "Enter to export · Esc to cancel · the suffix picks the format: .md .html .txt"
                ),
                classes="prompt-hint",
            )
            yield Static("", id="export-error", classes="prompt-error", markup=False)


class PlanningText(Screen[None]):
    """A screen of generated text: a bar of inputs, the text, a status line; `c` copies."""

    DEFAULT_CSS = CSS
    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the goals"),
        Binding("c", "copy", "Copy", tooltip="Copy all of it to the clipboard"),
    ]
    heading = ""

    def __init__(self, live: LiveJournal) -> None:
        super().__init__()
        self.live = live
        self.text_area = TextArea("", read_only=True, id="planning-text", soft_wrap=True)
        self.status = Static("", classes="planning-status", markup=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="planning-bar"):
            yield from self.compose_bar()
        yield self.text_area
        yield self.status
        yield Footer(compact=True, show_command_palette=False)

    def compose_bar(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.text_area.focus()  # keys (c, x, escape) act on the text; tab reaches the bar
        self.refresh_text()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.refresh_text()
        self.text_area.focus()

    def refresh_text(self) -> None:
        self._build(self.app_inputs())

    def app_inputs(self) -> dict[str, Any]:
        return {}

    def render_text(
        self,
        goals: list[Goal],
        skills: list[Skill],
        entries: list[Entry],
        inputs: dict[str, Any],
    ) -> str:
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="planning-text")
    def _build(self, inputs: dict[str, Any]) -> None:
        try:
            snapshot = self.live.snapshot()  # one state of the journal
            goals, skills = list(snapshot.goals), list(snapshot.skills)
            entries = list(snapshot.entries)
            text = self.render_text(goals, skills, entries, inputs)
        except (ValueError, JournalError) as err:
            self.post_message(TextNotBuilt(str(err)))
            return
        self.post_message(TextBuilt(text))

    @on(TextNotBuilt)
    def _not_built(self, event: TextNotBuilt) -> None:
        self.status.update(Text(event.message))

    @on(TextBuilt)
    def _show(self, event: TextBuilt) -> None:
        self.text_area.load_text(event.text)
        self.status.update(Text("c copies it all · select with the mouse or shift+arrows"))

    def action_copy(self) -> None:
        """Copy it all, and say honestly how (`screens.clipboard`): OSC 52 is never confirmed."""
        text = self.text_area.text
        self.status.update(Text("Copying…"))
        self.run_worker(
            lambda: copy_in_thread(self, text, self.heading or "The text"),
            thread=True,
            group="planning-copy",
        )

    @on(Copied)
    def _copied(self, event: Copied) -> None:
        show_copied(self.app, event)

    def action_close(self) -> None:
        self.dismiss(None)


class PlanScreen(PlanningText):
    """Next cycle's proposal, the same document as `journal plan export`."""

    heading = "Plan"
    BINDINGS = [
        *PlanningText.BINDINGS,
        Binding("x", "export", "Export", tooltip="Write the proposal to a file"),
    ]

    def compose_bar(self) -> ComposeResult:
        yield Label("Cycle")
        yield Input(next_cycle(self.live.now().date()), id="plan-cycle", compact=True)

    def app_inputs(self) -> dict[str, Any]:
        return {"cycle": self.query_one("#plan-cycle", Input).value}

    def render_text(
        self,
        goals: list[Goal],
        skills: list[Skill],
        entries: list[Entry],
        inputs: dict[str, Any],
    ) -> str:
        return self.proposal(goals, skills, entries, inputs["cycle"], "md")

    def proposal(
        self,
        goals: list[Goal],
        skills: list[Skill],
        entries: list[Entry],
        cycle_text: str,
        fmt: str,
    ) -> str:
        from journal.planning.proposal import proposal_blocks, render_proposal

        now = self.live.now()
        try:
            cycle = parse_period(cycle_text, now)
        except DateError as err:
            raise ValueError(str(err)) from None
        return render_proposal(
            proposal_blocks(goals, skills, entries, cycle, now.date()), fmt, now.date()
        )

    def action_export(self) -> None:
        cycle = self.app_inputs()["cycle"]
        default = str(Path.cwd() / f"proposal-{cycle.lower().replace(' ', '-')}.md")

        def chosen(choice: tuple[Path, bool] | None) -> None:
            if choice is None:
                return
            if choice[0].suffix.lower() not in (".md", ".html", ".txt"):
                self.status.update(Text("The proposal is .md, .html or .txt."))
                return
            self._export(cycle, *choice)

        self.app.push_screen(PlanExportPrompt(default), chosen)

    @work(thread=True, group="planning-export")
    def _export(self, cycle: str, path: Path, overwrite: bool) -> None:
        from journal.export.assessment import format_for
        from journal.export.outfile import JournalTargetError, write_private

        try:
            snapshot = self.live.snapshot()  # one state of the journal
            goals, skills = list(snapshot.goals), list(snapshot.skills)
            entries = list(snapshot.entries)
            text = self.proposal(goals, skills, entries, cycle, format_for(path))
            write_private(path, text, overwrite=overwrite, journal=self.live.path)
        except (ValueError, OSError, JournalTargetError, JournalError) as err:
            self.post_message(ExportFailed(str(err)))
            return
        self.post_message(ProposalExported(path))

    @on(ExportFailed)
    def _not_exported(self, event: ExportFailed) -> None:
        self.status.update(Text(f"Not exported: {event.message}"))

    @on(ProposalExported)
    def _exported(self, event: ProposalExported) -> None:
        self.status.update(Text(f"Exported to {event.path}"))


class AgendaScreen(PlanningText):
    """The agenda for the next 1:1, the same text as `journal 1on1`."""

    heading = "1:1 agenda"

    def compose_bar(self) -> ComposeResult:
        yield Label("With")
        yield Input("", placeholder="anyone (Enter to refresh)", id="agenda-with", compact=True)

    def app_inputs(self) -> dict[str, Any]:
        return {"who": self.query_one("#agenda-with", Input).value.strip() or None}

    def render_text(
        self,
        goals: list[Goal],
        skills: list[Skill],
        entries: list[Entry],
        inputs: dict[str, Any],
    ) -> str:
        from journal.planning.agenda import build_agenda
        from journal.planning.agenda_text import render_agenda

        agenda = build_agenda(entries, goals, skills, self.live.now().date(), who=inputs["who"])
        return render_agenda(agenda, "md")

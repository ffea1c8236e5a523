"""The import dialog: a file path in, a summary out (`ImportScreen(live)`).

The kind of file is detected (a `.json` / JSON file is a jrnl export, anything else a
goals outline or CSV). Enter previews (a dry run, nothing written); Import writes.
Both run in a thread worker through the live journal (a preview reads one state of it,
an import is one write), so the UI never blocks.
The screen dismisses with the last real import's Summary (None if nothing was
imported), so the caller knows to refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from journal.errors import JournalError, ValidationError
from journal.importers.common import Summary, import_path
from journal.live import LiveJournal
from journal.textsafe import visible_line


@dataclass
class ImportFinished(Message):
    """The preview or import worker finished: its summary (None: refused) and what to say."""

    summary: Summary | None
    lines: list[str]


class ImportScreen(ModalScreen[Summary | None]):
    """Ask for a jrnl export or a goals file, preview it, import it, show what happened."""

    DEFAULT_CSS = """
    ImportScreen { align: center middle; }
    ImportScreen > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ImportScreen .import-title { text-style: bold; width: 100%; }
    ImportScreen .import-hint { width: 100%; color: $text-muted; }
    ImportScreen #import-summary-box { height: auto; max-height: 12; }
    ImportScreen #import-summary { height: auto; }
    ImportScreen #import-summary.-bad { color: $error; }
    ImportScreen .import-buttons { height: auto; align-horizontal: right; }
    ImportScreen .import-buttons > Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "close", "Close", tooltip="Close the import dialog")]

    def __init__(self, live: LiveJournal) -> None:
        super().__init__()
        self.live = live
        self.path_input = Input(placeholder="~/jrnl.json, goals.md or goals.csv", id="import-path")
        self.summary = Static("", id="import-summary", markup=False)
        self.result: Summary | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Import", classes="import-title", markup=False)
            yield Label(
                "A jrnl export (jrnl --export json > jrnl.json), or goals as a Markdown "
                "outline or CSV. Enter previews; nothing is written until Import.",
                classes="import-hint",
            )
            yield self.path_input
            with Horizontal(classes="import-buttons"):
                yield Button("Preview", id="import-preview")
                yield Button("Import", variant="primary", id="import-run")
                yield Button("Close", id="import-close")
            with VerticalScroll(id="import-summary-box"):
                yield self.summary

    def on_mount(self) -> None:
        self.path_input.focus()

    def action_close(self) -> None:
        self.dismiss(self.result)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start(dry_run=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-close":
            self.action_close()
        else:
            self.start(dry_run=event.button.id == "import-preview")

    def start(self, dry_run: bool) -> None:
        path = self.path_input.value.strip()
        if not path:
            self.show(["Type the path of the file to import."], bad=True)
            return
        if self.busy:
            return
        self.busy = True
        self.show(["Previewing..." if dry_run else "Importing..."], bad=False)
        self.run_import(str(Path(path).expanduser()), dry_run)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: str, dry_run: bool) -> None:
        try:
            if dry_run:
                with self.live.reading() as store:
                    summary = import_path(store, path, dry_run=True)
            else:
                summary = self.live.write(lambda store: import_path(store, path)).result
        except (ValidationError, JournalError) as err:
            self.post_message(ImportFinished(None, str(err).splitlines()))
            return
        lines = summary.lines()
        if dry_run and (summary.imported or summary.updated):
            lines.insert(1, "Press Import to write this.")
        self.post_message(ImportFinished(summary, lines))

    @on(ImportFinished)
    def _finished(self, event: ImportFinished) -> None:
        self.finish(event.summary, event.lines)

    def finish(self, summary: Summary | None, lines: list[str]) -> None:
        self.busy = False
        if summary is not None and not summary.dry_run:
            self.result = summary
        self.show(lines, bad=summary is None)

    def show(self, lines: list[str], bad: bool) -> None:
        """User text (titles, paths) is shown literally: a Text, never markup."""
        self.summary.update(Text("\n".join(visible_line(line) for line in lines)))
        self.summary.set_class(bad, "-bad")

"""The review screen's export: `x` writes the review to a file, `c` copies its Markdown.

The prompt only checks the name (a folder that exists, a file that would be replaced:
Enter again to confirm); the screen writes the file in a worker, which posts
`ReviewExported` or `ExportFailed` (the Plan screen's export posts `ExportFailed` too).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from journal.export.assessment import format_for, render
from journal.export.formats import REVIEW_SUFFIXES
from journal.export.outfile import JournalTargetError, write_private
from journal.review.assessment import Assessment
from screens.clipboard import Copied, copy_in_thread, show_copied
from screens.live_screen import LiveScreen
from screens.settings import load_settings, save_settings

ExportChoice = tuple[Path, bool]  # the absolute path, and whether to replace it


@dataclass
class ReviewExported(Message, bubble=False):
    """The review was written to `path`."""

    path: Path


@dataclass
class ExportFailed(Message, bubble=False):
    """An export was refused or failed (`message` says why); no file was written."""

    message: str


class ExportPrompt(ModalScreen[ExportChoice | None]):
    """Ask for a file name; the suffix (.md .html .json .txt) picks the format."""

    DEFAULT_CSS = """
    ExportPrompt { align: center middle; }
    ExportPrompt > Vertical {
        width: 72; max-width: 100%; height: auto; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    ExportPrompt .prompt-title { text-style: bold; margin-bottom: 1; }
    ExportPrompt .prompt-hint { color: $text-muted; }
    ExportPrompt .prompt-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export the review to a file", classes="prompt-title", markup=False)
            yield Input(self.default, id="export-path", compact=True)
            yield Static(
                Text(
                    "Enter to export · Esc to cancel · the suffix picks the format: "
                    ".md .html .json .txt"
                ),
                classes="prompt-hint",
            )
            yield Static("", id="export-error", classes="prompt-error", markup=False)

    @property
    def error(self) -> Static:
        return self.query_one("#export-error", Static)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirmed = None
        self.error.update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.error.update("Type a file name.")
            return
        path = Path(text).expanduser()
        path = path if path.is_absolute() else Path.cwd() / path
        if path.suffix.lower() not in REVIEW_SUFFIXES:
            self.error.update(Text(f"Use .md, .html, .json or .txt (not {path.suffix or 'none'})."))
            return
        if not path.parent.is_dir():
            self.error.update(Text(f"The folder {path.parent} does not exist."))
            return
        if path.is_dir():
            self.error.update(Text(f"{path} is a folder."))
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self.error.update(Text(f"{path.name} exists: press Enter again to replace it."))
            return
        self.dismiss((path, path.exists()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportingScreen(LiveScreen):
    """A screen with an assessment to export: the actions behind `x` and `c`.

    ReviewScreen is one: it keeps `assessment` current, binds the keys, and shows status
    messages in its own status line (`_status`). Writing and rendering run in workers.
    """

    assessment: Assessment | None = None

    def _status(self, message: str) -> None:
        """Show a short message in the screen's status line (the subclass has one)."""

    def export_assessment(self) -> Assessment | None:
        """What `x` and `c` export: the assessment, with any edits made since it was built."""
        return self.assessment

    def action_export(self) -> None:
        a = self.export_assessment()
        if a is None:
            self.notify("Nothing to export yet.", severity="warning", markup=False)
            return
        slug = re.sub(r"[^a-z0-9]+", "-", a.title.lower()).strip("-") or "self-assessment"

        def chosen(choice: ExportChoice | None) -> None:
            current = self.export_assessment()
            if choice is not None and current is not None:
                self._export(current, *choice)

        self.app.push_screen(ExportPrompt(f"{self._export_folder()}/{slug}.md"), chosen)

    def _settings_path(self) -> Path | None:
        return getattr(self.app, "settings_path", None)

    def _export_folder(self) -> str:
        """The folder of the last export (kept in the app's settings), else home, as ~/…"""
        folder = Path(str(load_settings(self._settings_path()).get("export_folder") or "~"))
        folder = folder.expanduser()
        if not folder.is_dir():
            folder = Path.home()
        try:
            return "~/" + str(folder.relative_to(Path.home())) if folder != Path.home() else "~"
        except ValueError:
            return str(folder)

    @work(thread=True, group="review-export")
    def _export(self, a: Assessment, path: Path, overwrite: bool) -> None:
        journal = self.live.path
        try:
            written = write_private(
                path, render(a, format_for(path)), overwrite=overwrite, journal=journal
            )
        except JournalTargetError as err:  # never the journal itself, its backups, ...
            self.post_message(ExportFailed(f"{path} is {err}"))
            return
        except OSError as err:
            self.post_message(ExportFailed(str(err)))
            return
        settings = self._settings_path()
        if settings is not None:  # the next export starts in the same folder
            with contextlib.suppress(OSError):
                save_settings(settings, {"export_folder": str(written.parent)})
        self.post_message(ReviewExported(written))

    @on(ReviewExported)
    def _exported(self, event: ReviewExported) -> None:
        self._status(f"Exported to {event.path}")
        self.notify(f"Exported to {event.path}", markup=False)

    @on(ExportFailed)
    def _not_exported(self, event: ExportFailed) -> None:
        self.notify(f"Not exported: {event.message}", severity="error", markup=False)

    def action_copy(self) -> None:
        current = self.export_assessment()
        if current is not None:
            self._copy(current)

    @work(thread=True, group="review-export")
    def _copy(self, a: Assessment) -> None:
        text = render(a, "md")
        lines = text.count("\n")
        copy_in_thread(self, text, f"The review as Markdown ({lines} lines)")

    @on(Copied)
    def _copied(self, event: Copied) -> None:
        show_copied(self.app, event)

"""The review screen's file-name prompt: where to export, and whether to replace a file.

The prompt only checks the name (a folder that exists, a file that would be replaced:
Enter again to confirm); the screen writes the file in a worker.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from journal.export import SUFFIXES

ExportChoice = tuple[Path, bool]  # the absolute path, and whether to replace it


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
            yield Label("Export the review to a file", classes="prompt-title")
            yield Input(self.default, id="export-path", compact=True)
            yield Static(Text("Enter to export · Esc to cancel · the suffix picks the format: "
                              ".md .html .json .txt"), classes="prompt-hint")
            yield Static("", id="export-error", classes="prompt-error")

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
        if path.suffix.lower() not in SUFFIXES:
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

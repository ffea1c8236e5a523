"""The unlock prompt of an encrypted journal: a masked field, shown at start when the
journal is locked and again after the idle lock.

An opaque Screen (not a modal): nothing of the journal shows behind it. The passphrase
is checked in a worker (Argon2id takes most of a second) and never stored; on success
the keys go to the live journal, the sealed inbox is merged, and the screen dismisses with the
number of entries that came in.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from journal.errors import JournalError
from journal.live import LiveJournal


class UnlockScreen(Screen[int]):
    """Ask for the passphrase; dismiss with how many inbox entries came in."""

    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen > Vertical { width: 60; height: auto; border: round $accent; padding: 1 2; }
    UnlockScreen #unlock-problem { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Quit", tooltip="Quit without unlocking"),
    ]

    def __init__(self, live: LiveJournal, reason: str = "") -> None:
        super().__init__()
        self.live = live
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("This journal is encrypted.", markup=False)
            if self.reason:
                yield Static(self.reason, markup=False, id="unlock-reason")
            yield Input(password=True, placeholder="passphrase", id="unlock-passphrase")
            yield Static("", markup=False, id="unlock-problem")
        yield Footer()

    @property
    def field(self) -> Input:
        return self.query_one("#unlock-passphrase", Input)

    @property
    def problem(self) -> Static:
        return self.query_one("#unlock-problem", Static)

    @on(Input.Submitted, "#unlock-passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            self.problem.update("Type the passphrase, then Enter.")
            return
        self.field.disabled = True
        self.problem.update("Checking...")
        self._check(event.value)

    @work(thread=True, exclusive=True, group="unlock", description="check the passphrase")
    def _check(self, text: str) -> None:
        from journal.storage import crypto, inbox, unlocking

        path: Path = self.live.path
        try:
            header = unlocking.read_header(path)
            if header is None:  # decrypted meanwhile by another program: nothing to unlock
                self.app.call_from_thread(self.dismiss, 0)
                return
            keys = unlocking.from_passphrase(path, header, text)
            self.live.use_keys(keys)
            merged = self.live.merge_inbox(keys) if inbox.pending(path) else None
        except (JournalError, crypto.CryptoError) as err:
            wrong = "Wrong passphrase" in str(err)
            message = "Wrong passphrase. Try again." if wrong else str(err)
            self.app.call_from_thread(self._refused, message)
            return
        self.app.call_from_thread(self.dismiss, len(merged.added) if merged else 0)

    def _refused(self, message: str) -> None:
        self.problem.update(message)
        self.field.disabled = False
        self.field.value = ""
        self.field.focus()

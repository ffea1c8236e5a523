"""The unlock prompt of an encrypted journal: a masked field, shown at start when the
journal is locked and again after the idle lock.

An opaque Screen (not a modal): nothing of the journal shows behind it. The passphrase
is checked in a worker (Argon2id takes most of a second) and never stored; on success
the keys go to the live journal, the sealed inbox is merged, and the screen dismisses with
what the merge did (the same account `journal unlock` gives): entries that came in, and
records set aside, duplicates dropped, links dropped. The worker posts past-tense
messages (`screens.messages`); the screen handles them on the UI thread.
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
from journal.storage.inbox import Merged
from screens.messages import JournalUnlocked, PassphraseRefused


def merge_report(merged: Merged | None, aside: Path) -> str:
    """What the inbox merge did, in one notice ("" when there was nothing to merge)."""
    if merged is None:
        return ""

    def count(n: int, word: str) -> str:
        return f"{n} {word if n == 1 else word + 's'}"

    lines = []
    if merged.added:
        entries = "entry" if len(merged.added) == 1 else "entries"
        lines.append(
            f"{len(merged.added)} {entries} came in from the inbox (captured while locked)."
        )
    if merged.duplicates:
        lines.append(f"{count(merged.duplicates, 'duplicate')} dropped (already in the journal).")
    if merged.dropped_links:
        lines.append(f"Unknown links dropped: {', '.join(merged.dropped_links)}.")
    if merged.set_aside:
        lines.append(
            f"{count(merged.set_aside, 'inbox record')} set aside "
            f"({merged.unreadable} could not be opened, {len(merged.invalid)} not valid "
            f"entries): kept in {aside}"
        )
    return "\n".join(lines)


class UnlockScreen(Screen[str]):
    """Ask for the passphrase; dismiss with what the inbox merge did ("" nothing)."""

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
                self.post_message(JournalUnlocked(""))
                return
            keys = unlocking.from_passphrase(path, header, text)
            self.live.use_keys(keys)
            merged = self.live.merge_inbox(keys) if inbox.pending(path) else None
        except (JournalError, crypto.CryptoError) as err:
            wrong = "Wrong passphrase" in str(err)
            message = "Wrong passphrase. Try again." if wrong else str(err)
            self.post_message(PassphraseRefused(message))
            return
        self.post_message(JournalUnlocked(merge_report(merged, inbox.unreadable_path(path))))

    @on(JournalUnlocked)
    def _unlocked(self, event: JournalUnlocked) -> None:
        event.stop()  # the screen's own answer: the app hears it through dismiss
        self.dismiss(event.report)

    @on(PassphraseRefused)
    def _refused(self, event: PassphraseRefused) -> None:
        event.stop()
        self.problem.update(event.message)
        self.field.disabled = False
        self.field.value = ""
        self.field.focus()

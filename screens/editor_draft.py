"""The entry editor's draft: what is typed, kept in the background until saved or dropped.

Writes come from a worker thread and, at exit, from the UI thread; one lock and a
sequence number make sure a draft is never written after the entry was saved or thrown
away, and an older draft never overwrites a newer one. Where drafts live (beside a plain
journal, inside an encrypted one) is journal.drafts' business.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from journal import drafts
from journal.errors import JournalError


class EditorDraft:
    """The draft of one entry (`ident`; None: a new one) of the journal at `journal`."""

    def __init__(self, journal: Path | None, ident: str | None) -> None:
        self.journal, self.ident = journal, ident
        self._lock = threading.Lock()
        self._seq = self._written = 0
        self.finished = False  # saved or thrown away: no more drafts

    @property
    def kept(self) -> bool:
        """Does this editor keep drafts at all (it has a journal to keep them for)?"""
        return self.journal is not None

    def load(self) -> dict[str, Any] | None:
        """The draft kept from an earlier session: `saved` and `fields`, or None."""
        return drafts.load(self.journal, self.ident) if self.journal is not None else None

    def next_turn(self) -> int:
        """A number for the next write (called on the UI thread, in typing order)."""
        self._seq += 1
        return self._seq

    def keep(self, fields: dict[str, Any], initial: dict[str, Any] | None, turn: int) -> None:
        """Write the draft (any thread): the fields as opened mean no draft at all."""
        with self._lock:
            if self.journal is None or self.finished or turn <= self._written:
                return
            self._written = turn
            with contextlib.suppress(JournalError, OSError):  # a draft never stops the editor
                if fields == initial:
                    drafts.discard(self.journal, self.ident)
                else:
                    drafts.save(self.journal, self.ident, fields)

    def finish(self) -> None:
        """Saved or thrown away: the draft has served (any thread)."""
        with self._lock:
            self.finished = True
            if self.journal is not None:
                with contextlib.suppress(JournalError, OSError):
                    drafts.discard(self.journal, self.ident)

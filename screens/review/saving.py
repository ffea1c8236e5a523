"""When the review screen's draft is written, and whether it is written at all.

Every change is saved shortly after the user stops typing (SAVE_DELAY), again when the
screen goes away, and synchronously when the app closes, so closing mid-sentence loses
nothing. A draft that was never stored is written only once someone has written in it
(`journal.review.saved.has_writing`): a stray keystroke makes no record. The writes go
through `DraftWriter` in a thread worker: one at a time, the newest wins.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from journal.errors import JournalError, ValidationError
from journal.live import LiveJournal
from journal.records import Review
from journal.review import saved as rv
from screens.messages import WriteFailed
from screens.review.draft import DraftWriter

if TYPE_CHECKING:
    from textual.timer import Timer

    from screens.review.screen import ReviewScreen

SAVE_DELAY = 0.6


class DraftSaver:
    """Debounced, newest-wins saves of `screen.review`, skipping reviews nobody wrote in."""

    def __init__(self, screen: ReviewScreen, live: LiveJournal) -> None:
        self.screen = screen
        self.writer = DraftWriter(live)
        self.dirty = False
        self._timer: Timer | None = None
        self._seq = 0
        self._stored: Review | None = None  # the live draft once a write was scheduled

    def changed(self) -> None:
        """The draft changed: save it once the user pauses."""
        self.dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(SAVE_DELAY, self.save_now)

    def forget(self) -> None:
        """A fresh review starts: nothing of it is stored yet."""
        self._stored = None

    def _worth_saving(self, review: Review | None) -> bool:
        """Saved before, or written in: a review nobody wrote in is not a record."""
        if review is None:
            return False
        if review.get("id") or self._stored is review or rv.has_writing(review):
            self._stored = review
            return True
        return False

    def _take(self) -> tuple[Review, Review, int] | None:
        """(live draft, its copy, sequence number) when there is something to write."""
        if self._timer is not None:
            self._timer.stop()
        review = self.screen.review
        if not (self.dirty and self._worth_saving(review)) or review is None:
            return None
        self.dirty = False
        self._seq += 1
        return review, copy.deepcopy(review), self._seq

    def save_now(self) -> None:
        """Write now, in a thread worker."""
        if (job := self._take()) is not None:
            self.screen.run_worker(lambda: self._write(*job), thread=True, group="review-save")

    def flush(self) -> None:
        """Write now, synchronously: the app is closing, whatever the debounce says."""
        if (job := self._take()) is not None:
            with contextlib.suppress(ValidationError, JournalError):
                self.writer.write(*job)

    def _write(self, live: Review, snapshot: Review, seq: int) -> None:
        try:
            saved = self.writer.write(live, snapshot, seq)
        except (ValidationError, JournalError) as err:
            self.screen.post_message(WriteFailed("Review not saved", str(err)))
            return
        if saved is not None:
            self.screen.post_message(DraftSaved(live, saved))


@dataclass
class DraftSaved(Message):
    """A draft write worked: `live` is the screen's draft, `saved` the stored record."""

    live: Review
    saved: Review

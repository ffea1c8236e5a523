"""Writing review drafts from workers: one write at a time, and the newest version wins.

The screen edits a live dict on the UI thread and hands the writer a deep copy with a
sequence number. Writes are serialised by a lock; a copy older than one already written
is skipped, so a slow early save can never overwrite a later one. A brand-new draft gets
its store id on the first write; later copies of the same draft reuse it (looked up by
the live dict's identity), so saving twice never makes two reviews.
"""

from __future__ import annotations

import threading

from journal.live import LiveJournal
from journal.records import Review


class DraftWriter:
    """Serialised, newest-wins review saves (safe to call from any thread)."""

    def __init__(self, live: LiveJournal) -> None:
        self.live = live
        self._lock = threading.Lock()
        self._written = 0
        # id(live) -> (live, store id); holding `live` keeps its id() from being reused.
        self._ids: dict[int, tuple[Review, str]] = {}

    def write(self, live: Review, snapshot: Review, seq: int) -> Review | None:
        """Save `snapshot` (a copy of `live` numbered `seq`); None if a newer one is saved."""
        with self._lock:
            if seq <= self._written:
                return None
            known = self._ids.get(id(live))
            ident = snapshot.get("id") or (known[1] if known else None)
            snapshot.pop("id", None)
            if ident:
                snapshot["id"] = ident
            saved = self.live.write(lambda store: store.reviews.save(snapshot)).result
            self._ids[id(live)] = (live, saved["id"])
            self._written = seq
            return saved

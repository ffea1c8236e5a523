"""Filtering the journal screen's list over a snapshot (`journal.live.Snapshot`), no disk.

The snapshot holds the entries newest first, each with its text pre-folded for search
(folded on first use, or warmed by the app after the first paint, so a big journal shows
up sooner). Filtering as you type then costs one pass of substring tests (and narrows
from the previous result when the text only grew).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from journal.live import Snapshot
from journal.query import EntryFilter, matches, search_words
from journal.records import Entry


@dataclass(frozen=True)
class FilterResult:
    """Which entries (indices into the snapshot) passed which filter."""

    snapshot: Snapshot
    flt: EntryFilter
    indices: Sequence[int]

    def __repr__(self) -> str:
        return f"FilterResult({len(self.indices)} of {len(self.snapshot.entries)})"

    @property
    def entries(self) -> EntryView:
        return EntryView(self.snapshot.entries, self.indices)

    def index_of(self, entry_id: str | None) -> int | None:
        """Where an entry is in the result (indices are in list order: a binary search)."""
        position = self.snapshot.position.get(entry_id) if entry_id else None
        if position is None:
            return None
        at = bisect_left(self.indices, position)
        return at if at < len(self.indices) and self.indices[at] == position else None


class EntryView(Sequence[Entry]):
    """The entries of a result, read through its indices: no 50,000-item copy per key."""

    def __init__(self, entries: Sequence[Entry], indices: Sequence[int]) -> None:
        self._entries, self._indices = entries, indices

    def __len__(self) -> int:
        return len(self._indices)

    def __getitem__(self, index: int) -> Entry:  # type: ignore[override]
        return self._entries[self._indices[index]]


def apply_filter(
    snapshot: Snapshot, flt: EntryFilter, previous: FilterResult | None = None
) -> FilterResult:
    """Entries passing `flt`, newest first; reuse `previous` when the text only grew."""
    needle = flt.text.strip().casefold()
    candidates: Sequence[int] = range(len(snapshot.entries))
    rest = replace(flt, text="")
    if previous is not None and previous.snapshot is snapshot:
        old_needle = previous.flt.text.strip().casefold()
        if replace(previous.flt, text="") == rest and old_needle in needle:
            candidates, rest = previous.indices, EntryFilter()
    if rest != EntryFilter():
        entries = snapshot.entries
        candidates = [i for i in candidates if matches(entries[i], rest)]
    words = search_words(flt.text)
    if words:  # every word, in any order: the same search as `journal list --search`
        hay = snapshot.haystacks
        candidates = [i for i in candidates if all(w in hay[i] for w in words)]
    return FilterResult(snapshot, flt, candidates)

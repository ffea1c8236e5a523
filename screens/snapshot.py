"""An in-memory, read-only view of the journal that the screens filter without the disk.

A worker copies what the screens need into a snapshot (the store's tables are never
changed in place, so the copy holds references, not copies of records): entries newest
first, each with its text pre-folded for search (folded on first use, or warmed by the
app after the first paint, so a big journal shows up sooner), plus the goals and skills.
Filtering as you type then costs one pass of substring tests (and narrows from the
previous result when the text only grew).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from journal.models import Record
from journal.query import EntryFilter, haystack, matches, newest_first, search_words
from journal.store.journal_store import JournalStore


@dataclass(frozen=True)
class JournalSnapshot:
    """Entries newest first with their folded text; goals and skills by id."""

    entries: tuple[Record, ...] = ()
    goals: tuple[Record, ...] = ()
    skills: tuple[Record, ...] = ()
    codes: dict[str, str] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)

    @classmethod
    def read(cls, store: JournalStore, lock: threading.RLock) -> JournalSnapshot:
        """Copy the store's state under the lock; fold and sort outside it."""
        with lock:
            raw = list(store.raw_entries())
            goals = tuple(store.goals())
            skills = tuple(store.skills())
            codes = store.code_map()
        raw.sort(key=newest_first, reverse=True)  # the same order as `journal list`
        entries = tuple(raw)
        position = {e["id"]: i for i, e in enumerate(entries)}
        return cls(entries, goals, skills, codes, position)

    @cached_property
    def haystacks(self) -> tuple[str, ...]:
        """What a search looks in (title, body, source, tags), case-folded, in list order."""
        return tuple(haystack(e) for e in self.entries)

    def __repr__(self) -> str:  # the default would print every entry
        return f"JournalSnapshot({len(self.entries)} entries)"

    def goal(self, goal_id: str) -> Record | None:
        return next((g for g in self.goals if g["id"] == goal_id), None)

    def skill(self, skill_id: str) -> Record | None:
        return next((s for s in self.skills if s["id"] == skill_id), None)

    def entry(self, entry_id: str) -> Record | None:
        index = self.position.get(entry_id)
        return None if index is None else self.entries[index]

    def tags(self) -> list[str]:
        """Every tag in use, most used first (for suggestions)."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            for tag in entry["tags"]:
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))


@dataclass(frozen=True)
class FilterResult:
    """Which entries (indices into the snapshot) passed which filter."""

    snapshot: JournalSnapshot
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


class EntryView(Sequence[Record]):
    """The entries of a result, read through its indices: no 50,000-item copy per key."""

    def __init__(self, entries: Sequence[Record], indices: Sequence[int]) -> None:
        self._entries, self._indices = entries, indices

    def __len__(self) -> int:
        return len(self._indices)

    def __getitem__(self, index: int) -> Record:  # type: ignore[override]
        return self._entries[self._indices[index]]


def apply_filter(
    snapshot: JournalSnapshot, flt: EntryFilter, previous: FilterResult | None = None
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

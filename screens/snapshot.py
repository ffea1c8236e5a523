"""Filtering the journal screen's list over a snapshot (`journal.live.Snapshot`), no disk.

The snapshot holds the entries newest first, each with its text pre-folded for search
(folded on first use, or warmed by the app after the first paint, so a big journal shows
up sooner). Filtering as you type then costs one pass of substring tests (and narrows
from the previous result when the text only grew). `make_filter` turns the filter bar's
values into the query; `status_line` says what the result holds.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from rich.text import Text

from journal.errors import DateError
from journal.goals import goal_family
from journal.live import Snapshot
from journal.periods import parse_period
from journal.query import EntryFilter, matches, search_words
from journal.records import Entry
from journal.textsafe import plural, plural_word, visible_line
from screens.widgets.filter_bar import FilterValues


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


def make_filter(
    values: FilterValues, snapshot: Snapshot, now: datetime
) -> tuple[EntryFilter, str | None]:
    """The query the filter bar's values ask for, and what is wrong with its period (the
    period is then left out: the list must not jump while it is being typed)."""
    period, problem = None, None
    if values.period:
        try:
            period = parse_period(values.period, now=now)
        except DateError as err:  # one line
            problem = str(err).split(": ", 1)[0] + " (try: last quarter, H1 2026)"
    goals = goal_family(values.goal_id, snapshot.goals) if values.goal_id else None
    flt = EntryFilter(
        kind=values.kind or None,
        tags=values.tags,
        goal_ids=goals,
        period=period,
        text=values.text,
    )
    return flt, problem


def status_line(result: FilterResult, waiting: int, problem: str | None) -> Text:
    """The line above the list: how many entries pass, the period, nudges, a problem."""
    total = len(result.snapshot.entries)
    noun = plural_word(total, "entry")  # the count has thousands separators
    if result.flt != EntryFilter():
        status = Text(f"{len(result.indices):,} of {total:,} {noun}")
    else:
        status = Text(f"{total:,} {noun}")
    if result.flt.period is not None:
        period = result.flt.period
        status.append(f"  ·  {visible_line(period.label)}: {period.start} to {period.end}")
    if waiting:
        status.append(f"  ·  {plural(waiting, 'nudge')} waiting (o)")
    if problem:
        status.append(f"  ·  {visible_line(problem)}", style="bold red")
    return status

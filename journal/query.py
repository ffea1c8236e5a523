"""Finding entries: the filters behind `journal list`, the TUI's filter bar and reviews.

Pure functions over records, so they are fast to test and share. A goal's evidence is
the entries linked to it, to its sub-goals, and to the personal goals that support or
hang under any of those: effort on a personal goal counts toward the company goal it
is woven into.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from journal.goals import GoalGraph
from journal.periods import Period
from journal.records import Entry, Goal, entry_order


@dataclass(frozen=True)
class EntryFilter:
    """What to look for; every field left empty matches everything."""

    kind: str | None = None
    tags: tuple[str, ...] = ()
    goal_ids: frozenset[str] | None = None
    skill_id: str | None = None
    period: Period | None = None
    text: str = ""  # words, all of which must appear (any order) in title, body, source, tags
    starred: bool = False
    source: str | None = None  # who gave the feedback: its words, whole, any case
    sentiment: str | None = None


Predicate = Callable[[Entry], bool]


def search_words(text: str) -> list[str]:
    """The words of a search, folded for case: each must be found, in any order."""
    return text.casefold().split()


def haystack(entry: Entry) -> str:
    """The text a search looks in: title, body, source and tags, folded for case."""
    parts = [entry["title"], entry["body"], entry.get("source") or "", *entry["tags"]]
    return "\n".join(parts).casefold()


def _source_words(entry: Entry) -> set[str]:
    return set((entry.get("source") or "").casefold().split())


def _has_all(hay: str, words: list[str]) -> bool:
    return all(word in hay for word in words)


def predicates(flt: EntryFilter) -> list[Predicate]:
    """The filter as tests on one entry, cheapest first: the one definition `matches`
    and `find` share."""
    tests: list[Predicate] = []
    if flt.kind:
        kind = flt.kind
        tests.append(lambda e: e["kind"] == kind)
    if flt.starred:
        tests.append(lambda e: bool(e.get("starred")))
    if flt.sentiment:
        sentiment = flt.sentiment
        tests.append(lambda e: e.get("sentiment") == sentiment)
    for tag in flt.tags:
        tests.append(lambda e, tag=tag: tag in e["tags"])  # type: ignore[misc]
    if flt.goal_ids is not None:
        goal_ids = flt.goal_ids
        tests.append(lambda e: not goal_ids.isdisjoint(e["goals"]))
    if flt.skill_id:
        skill_id = flt.skill_id
        tests.append(lambda e: skill_id in e["skills"])
    if flt.period:
        start, end = flt.period.start.isoformat(), flt.period.end.isoformat()
        tests.append(lambda e: start <= e["when"][:10] <= end)
    who = set((flt.source or "").casefold().split())
    if who:
        tests.append(lambda e: who <= _source_words(e))
    words = search_words(flt.text)
    if len(words) == 1:
        word = words[0]
        tests.append(lambda e: word in haystack(e))
    elif words:
        tests.append(lambda e: _has_all(haystack(e), words))
    return tests


def matches(entry: Entry, flt: EntryFilter) -> bool:
    """True when one entry passes every part of the filter."""
    return all(test(entry) for test in predicates(flt))


def find(entries: Iterable[Entry], flt: EntryFilter, limit: int | None = None) -> list[Entry]:
    """Entries passing the filter, newest first (by the local time they were written, then id).

    One pass per active test, cheapest first: at 50k entries this is 3x faster than
    calling `matches` per entry, and a limit takes the newest with a heap, not a sort.
    """
    found = list(entries)
    for test in predicates(flt):
        found = [e for e in found if test(e)]

    if limit is not None and limit < len(found):
        return heapq.nlargest(limit, found, key=newest_first)
    found.sort(key=newest_first, reverse=True)
    return found


def newest_first(entry: Entry) -> tuple[str, int, str]:
    """Sort key, used reversed: the local time written, then the id, so entries written at
    the same minute list the later-added first ("e10" after "e9": by length, then text)."""
    ident = str(entry.get("id", ""))
    return entry_order(entry), len(ident), ident


def goal_evidence(goals: list[Goal], entries: Iterable[Entry]) -> dict[str, tuple[int, str | None]]:
    """Per goal id: how many entries are evidence for it and the newest one's date.

    One pass over the entries: each goal a link can count toward (the graph's credit,
    the inverse of `goal_family`) is worked out once, not once per entry.
    """
    counted_for = GoalGraph.of(goals).credit
    counts = dict.fromkeys(counted_for, 0)
    latest: dict[str, str] = {}
    for entry in entries:
        hit: set[str] = set()
        for linked in entry["goals"]:
            hit.update(counted_for.get(linked, ()))
        for goal_id in hit:
            counts[goal_id] += 1
            if entry["when"] > latest.get(goal_id, ""):
                latest[goal_id] = entry["when"]
    return {g: (counts[g], latest[g][:10] if g in latest else None) for g in counts}

"""Feedback received in a review period: tone, who it came from, themes, what is no skill yet.

Part of the self-assessment (`journal.review.assess` calls `feedback_report`); pure, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.records import Entry, entry_order


@dataclass
class SourceCount:
    total: int = 0
    praise: int = 0
    constructive: int = 0
    mixed: int = 0

    def add(self, sentiment: str | None) -> None:
        self.total += 1
        if sentiment == "praise":
            self.praise += 1
        elif sentiment == "constructive":
            self.constructive += 1
        elif sentiment == "mixed":
            self.mixed += 1


@dataclass
class FeedbackReport:
    """Feedback received in the period: tone, who from, themes, what is not a skill yet."""

    counts: SourceCount
    by_source: dict[str, SourceCount]
    themes: dict[str, SourceCount]
    without_skill: list[Entry]
    entries: list[Entry]


UNNAMED = "(no source)"


def feedback_report(entries: list[Entry], why_ids: set[str]) -> FeedbackReport:
    """Tally feedback by tone, source and tag; keep constructive items no skill came from."""
    entries = sorted(entries, key=entry_order, reverse=True)
    total = SourceCount()
    by_source: dict[str, SourceCount] = {}
    themes: dict[str, SourceCount] = {}
    for entry in entries:
        sentiment = entry.get("sentiment")
        total.add(sentiment)
        by_source.setdefault(entry.get("source") or UNNAMED, SourceCount()).add(sentiment)
        for tag in entry.get("tags", []):
            themes.setdefault(tag, SourceCount()).add(sentiment)

    def rank(item: tuple[str, SourceCount]) -> tuple[bool, int, str]:
        return (item[0] == UNNAMED, -item[1].total, item[0].casefold())

    return FeedbackReport(
        counts=total,
        by_source=dict(sorted(by_source.items(), key=rank)),
        themes=dict(sorted(themes.items(), key=rank)),
        without_skill=[
            e for e in entries if e.get("sentiment") == "constructive" and e["id"] not in why_ids
        ],
        entries=entries,
    )

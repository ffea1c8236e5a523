"""Balanced evidence: is a goal's evidence spread over the period, concrete, and complete?

Review suites warn about recency bias (remembering only the last few weeks); a form asks
for numbers. This module finds, per goal, evidence bunched into the last quarter of the
period; the share of evidence that carries a number or a link; and turns it all, with
ratings, narratives, form answers and wins' impact, into a readiness score 0-100 and a
to-do list. Pure: it reads an Assessment (and the review's answers), nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from journal.periods import Period
from journal.records import Entry
from journal.review.assessment import Assessment, Evidence, GoalReport
from journal.textsafe import plural

# A number worth citing: an amount, a percentage, a number with a unit, a signed change,
# or a count; a year on its own (2026) or a quarter (Q2) is no measurement.
_NUMBER = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:%|percent|pp|x\b|k\b|m\b|bn\b|ms\b|s\b|h\b|hrs?\b|min\b|days?\b|"
    r"weeks?\b|months?\b|users?\b|customers?\b|people\b|tickets?\b)|[+\-\u2212]\d|"
    r"\b(?!(?:19|20)\d\d\b)\d{2,}(?:[.,]\d+)?\b|\b\d+[.,]\d+\b",
    re.IGNORECASE,
)
_LINK = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)


def recent_start(period: Period, as_of: date | None = None) -> date:
    """The first day of the last quarter of the period (up to `as_of` while it runs)."""
    end = min(period.end, as_of) if as_of else period.end
    days = (end - period.start).days + 1
    return period.start + timedelta(days=(days * 3) // 4)


def recent_share(evidence: list[Evidence], period: Period, as_of: date | None = None) -> float:
    """The share of the evidence dated in the last quarter of the period."""
    if not evidence:
        return 0.0
    start = recent_start(period, as_of)
    return sum(1 for e in evidence if e.day >= start) / len(evidence)


def recency_warning(rep: GoalReport, period: Period, as_of: date | None = None) -> bool:
    """More than half of the goal's evidence falls in the last quarter of the period."""
    return recent_share(rep.evidence, period, as_of) > 0.5


def concrete(entry: Entry) -> bool:
    """Does the entry carry a number (metric, percentage, amount) or a link?"""
    if entry.get("impact"):
        return True
    text = f"{entry.get('title', '')}\n{entry.get('body', '')}"
    return bool(_NUMBER.search(text) or _LINK.search(text))


def quarters(period: Period, as_of: date) -> list[tuple[str, date, date]]:
    """The calendar quarters the period covers up to `as_of`: ("Q1", first, last) each."""
    out = []
    end = min(period.end, as_of)
    year, q = period.start.year, (period.start.month - 1) // 3
    while date(year, q * 3 + 1, 1) <= end:
        first = date(year, q * 3 + 1, 1)
        last = (date(year + (q == 3), (q + 1) % 4 * 3 + 1, 1)) - timedelta(days=1)
        label = f"Q{q + 1}" if period.start.year == end.year else f"Q{q + 1} {year}"
        out.append((label, max(first, period.start), min(last, end)))
        year, q = (year + 1, 0) if q == 3 else (year, q + 1)
    return out


@dataclass
class Balance:
    """The balance of a review's evidence and how ready the review is (0-100)."""

    score: int
    todo: list[str]
    recency: list[str] = field(default_factory=list)  # codes of goals bunched at the end
    concrete_share: float = 0.0  # of the company goals' evidence
    evidence: int = 0
    starred_wins_without_impact: int = 0
    quarter_gaps: list[tuple[str, str]] = field(default_factory=list)  # (quarter, code)


@dataclass
class _Part:
    weight: int
    done: float  # 0..1


def balance(a: Assessment, answered: int = 0, questions: int = 0, over_limit: int = 0) -> Balance:
    """Readiness and the to-do list. `answered`/`questions`/`over_limit` count the form's
    answers when the review has a form (see journal.review.answers)."""
    top = a.goals
    todo: list[str] = []
    without = [r for r in top if not (r.evidence or r.done_in_period)]
    unrated = [r for r in top if not r.rating]
    unnarrated = [r for r in top if not r.narrative.strip()]
    recency = [
        r.code for r in a.company_goals() if r.evidence and recency_warning(r, a.period, a.as_of)
    ]
    seen: dict[str, Entry] = {}
    for rep in a.company_goals():
        for ev in rep.evidence:
            seen.setdefault(ev.id, ev.entry)
    entries = list(seen.values())
    share = sum(1 for e in entries if concrete(e)) / len(entries) if entries else 0.0
    starred = [
        e for e in entries if e["kind"] == "win" and e.get("starred") and not e.get("impact")
    ]
    gaps = []
    spans = quarters(a.period, a.as_of)
    if len(spans) > 1:
        for rep in top:
            days = [ev.day for ev in rep.evidence]
            gaps += [
                (label, rep.code)
                for label, first, last in spans
                if days and not any(first <= d <= last for d in days)
            ]
    n = len(top) or 1
    parts = [
        _Part(25, 1 - len(without) / n),
        _Part(20, 1 - len(unrated) / n),
        _Part(15, (answered / questions) if questions else 1 - len(unnarrated) / n),
        _Part(10, 1.0 if a.summary.strip() or questions else 0.0),
        _Part(10, 1 - len(recency) / max(1, len(a.company_goals()))),
        _Part(10, min(1.0, share / 0.5) if entries else 0.0),
        _Part(
            10, 1 - len(starred) / max(1, len(starred) + sum(1 for e in entries if e.get("impact")))
        ),
    ]
    if questions:  # answers that do not fit the form cannot be pasted
        parts.append(_Part(10, 1 - over_limit / questions))
    total = sum(p.weight for p in parts)
    score = round(100 * sum(p.weight * max(0.0, p.done) for p in parts) / total)
    for rep in without:
        todo.append(f"add evidence for `{rep.code}` (none in {a.period.label})")
    if unrated:
        todo.append(f"rate {plural(len(unrated), 'goal')}")
    if questions and answered < questions:
        todo.append(f"answer {plural(questions - answered, 'question')} of the form")
    elif not questions and unnarrated:
        todo.append(f"write the narrative for {plural(len(unnarrated), 'goal')}")
    if over_limit:
        todo.append(f"shorten {plural(over_limit, 'answer')} over its limit")
    if not questions and not a.summary.strip():
        todo.append("write the overall summary")
    if starred:
        todo.append(
            f"add impact to {plural(len(starred), 'starred win')} (journal edit ID --impact TEXT)"
        )
    for code in recency:
        todo.append(
            f"`{code}`: most of its evidence is from the last quarter of the period; "
            "look for earlier work"
        )
    for label, code in gaps:
        todo.append(f"{label} has no evidence for `{code}`")
    if entries and share < 0.5:
        todo.append(
            f"only {round(share * 100)}% of the evidence has a number or a link: "
            "add the metric to a few entries"
        )
    return Balance(score, todo, recency, share, len(entries), len(starred), gaps)

"""Saved reviews: the record a self-assessment is kept in, and small edits to it.

A review is a plain dict stored by `store.reviews.save`:

    {"id": "r1", "title": "H1 2026 self-assessment",
     "period": {"start": "2026-01-01", "end": "2026-06-30", "label": "H1 2026"},
     "scale": ["Not met", "Partially met", "Met", "Exceeded", "Far exceeded"],
     "goals": {"g1": {"rating": "Met", "narrative": "...", "excluded": ["e4"]}},
     "skills": {"s1": "how the skill grew"},
     "summary": "...", "next_steps": "...", "status": "draft" | "final",
     "created": ..., "updated": ...}

Goals and skills are keyed by id, so renaming a code never loses a rating. Evidence is
everything the journal links to a goal in the period, minus `excluded`: a new entry
shows up in a saved review without anyone having to add it. No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from journal.errors import ValidationError
from journal.periods import Period
from journal.records import Review

DEFAULT_SCALE = ("Not met", "Partially met", "Met", "Exceeded", "Far exceeded")
WRITTEN_MIN = 3  # characters of text before a new review counts as written in
TEXT_FIELDS = ("summary", "next_steps")


def default_title(period: Period) -> str:
    """The one title a review gets until someone names it: 'H1 2026 self-assessment'."""
    return f"{period.label} self-assessment"


def period_of(review: Review) -> Mapping[str, Any]:
    """The review's period as stored, empty when a damaged record has none."""
    return review.get("period") or {}


def follows_period(review: Review) -> bool:
    """True while the title is still the default for its period (maybe with ' (2)')."""
    label = period.get("label") if (period := review.get("period")) else None
    if not label:
        return False
    base = re.escape(f"{label} self-assessment")
    return re.fullmatch(base + r"( \(\d+\))?", str(review.get("title", ""))) is not None


def has_writing(review: Review) -> bool:
    """Has anyone written in this review? A stray keystroke or two does not count.

    A rating, dropped evidence, a final status, a title of one's own, or a text field
    with at least WRITTEN_MIN characters does; only such a review is worth a new record.
    """
    if review.get("status") == "final":
        return True
    for part in (review.get("goals") or {}).values():
        if isinstance(part, dict) and (
            part.get("rating")
            or part.get("excluded")
            or len(str(part.get("narrative") or "").strip()) >= WRITTEN_MIN
        ):
            return True
    texts = [str(review.get(f) or "") for f in TEXT_FIELDS]
    texts += [str(t) for t in (review.get("skills") or {}).values()]
    if any(len(t.strip()) >= WRITTEN_MIN for t in texts):
        return True
    label = (period.get("label") if (period := review.get("period")) else None) or ""
    title = str(review.get("title") or "").strip()
    return len(title) >= WRITTEN_MIN and not title.startswith(f"{label} self-assessment")


def new_review(
    period: Period, title: str | None = None, scale: tuple[str, ...] = DEFAULT_SCALE
) -> Review:
    """A fresh draft for a period, with no ratings yet."""
    record: Review = {
        "title": (title or default_title(period)).strip(),
        "period": {"start": "", "end": "", "label": ""},  # set_period fills it in
        "scale": list(scale),
        "goals": {},
        "skills": {},
        "summary": "",
        "next_steps": "",
        "status": "draft",
    }
    set_period(record, period)
    return record


def unique_title(title: str, taken: list[str]) -> str:
    """`title`, or `title (2)`... so `--review NAME` always finds one review."""
    lowered = {t.casefold() for t in taken}
    candidate, n = title, 2
    while candidate.casefold() in lowered:
        candidate, n = f"{title} ({n})", n + 1
    return candidate


def set_period(review: Review, period: Period) -> None:
    """Move the review to a period; a title nobody chose follows it."""
    if follows_period(review):
        review["title"] = default_title(period)
    review["period"] = {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "label": period.label,
    }


def review_period(review: Review) -> Period:
    """The period a saved review covers; a damaged record is a clear error."""
    raw: Mapping[str, Any] = review.get("period") or {}  # a damaged record may lack it
    try:
        start, end = date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"])
    except (KeyError, TypeError, ValueError):
        raise ValidationError(f"review {review.get('title')!r} has no readable period") from None
    return Period(start, end, str(raw.get("label") or f"{start}..{end}"))


def goal_part(review: Review, goal_id: str) -> dict[str, Any]:
    """The review's part for one goal (read-only; empty when nothing is saved)."""
    part = (review.get("goals") or {}).get(goal_id)
    return cast(dict[str, Any], part) if isinstance(part, dict) else {}


def _goal(review: Review, goal_id: str) -> dict[str, Any]:
    goals = review.setdefault("goals", {})
    part = goals.get(goal_id)
    if not isinstance(part, dict):
        part = goals[goal_id] = {"rating": None, "narrative": "", "excluded": []}
    return cast(dict[str, Any], part)


def set_rating(review: Review, goal_id: str, rating: str | None) -> None:
    """Rate a goal on the review's scale (None clears the rating)."""
    scale = list(review.get("scale") or DEFAULT_SCALE)
    if rating is not None and rating not in scale:
        raise ValidationError(f"rating {rating!r} is not on the scale: {', '.join(scale)}")
    _goal(review, goal_id)["rating"] = rating


def set_narrative(review: Review, goal_id: str, text: str) -> None:
    _goal(review, goal_id)["narrative"] = text


def set_excluded(review: Review, goal_id: str, entry_id: str, excluded: bool) -> None:
    """Drop a piece of evidence from a goal (or take it back)."""
    part = _goal(review, goal_id)
    current = [e for e in part.get("excluded") or [] if e != entry_id]
    part["excluded"] = current + [entry_id] if excluded else current


def skill_narrative(review: Review, skill_id: str) -> str:
    value = (review.get("skills") or {}).get(skill_id)
    return value if isinstance(value, str) else ""


def set_skill_narrative(review: Review, skill_id: str, text: str) -> None:
    review.setdefault("skills", {})[skill_id] = text

"""What a nudge key can be about: the records each kind of nudge names (the ABOUT of
KIND:ABOUT). `journal coach snooze` and `dismiss` check a typed key against them, so a
typo such as quiet-goal:revnue is refused instead of stored while the real nudge keeps
showing (the config loader's rule too: a typo must not vanish)."""

from __future__ import annotations

from journal.coach.scan import Tables

GOAL_KINDS = frozenset({"off-track", "no-checkin", "quiet-goal", "unsmart-goal"})


def subjects(kind: str, tables: Tables) -> list[str]:
    """The ABOUTs a nudge of `kind` can have in this journal, as the nudges spell them."""
    if kind in GOAL_KINDS:
        return [str(g.get("code") or g["id"]) for g in tables.goals]
    if kind == "idle-skill":
        return [str(s.get("code") or s["id"]) for s in tables.skills]
    if kind == "feedback-to-act-on":
        return [str(e["id"]) for e in tables.entries if e.get("kind") == "feedback"]
    if kind == "review-coming":
        return [str(r["id"]) for r in tables.reviews]
    if kind == "weekly-review-due":
        return ["weekly"]
    return []

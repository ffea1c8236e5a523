"""A small hand-built journal with known answers, shared by the review tests.

Period H1 2026 (1 Jan..30 Jun). Goal tree: revenue > enterprise (sub-goal), latency (a gap:
its only evidence is from 2025), hiring (stale: latest evidence 20 Mar), influence (personal,
supports revenue), mentor (personal, hangs under hiring). Times carry a fixed UTC offset so
the goldens do not depend on the machine's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from journal.periods import Period
from journal.records import Review
from journal.review.saved import (
    new_review,
    set_excluded,
    set_narrative,
    set_rating,
    set_skill_narrative,
)
from journal.store.journal_store import JournalStore

H1 = Period(date(2026, 1, 1), date(2026, 6, 30), "H1 2026")
TODAY = date(2026, 7, 6)
TZ = timezone(timedelta(hours=1))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


ENTRIES: list[dict[str, Any]] = [
    dict(
        kind="win", title="Closed the Initech pilot", when=at("2025-12-31 23:30"), goals=["revenue"]
    ),
    dict(
        kind="win",
        title="Kicked off the Acme negotiation",
        when=at("2026-01-01 09:00"),
        goals=["enterprise"],
    ),
    dict(
        kind="feedback",
        title="Clear, calm demo to the Acme board.",
        when=at("2026-02-14 16:00"),
        goals=["revenue"],
        source="Priya",
        sentiment="praise",
        tags=["communication"],
        starred=True,
    ),
    dict(
        kind="feedback",
        title="Lead with the customer problem, not the feature.",
        body="Said after the design review.",
        when=at("2026-03-03 11:15"),
        goals=["influence"],
        source="Priya",
        sentiment="constructive",
        tags=["communication"],
    ),
    dict(
        kind="reflection",
        title="Interview loop for two SRE roles is in place.",
        when=at("2026-03-20 18:00"),
        goals=["hiring"],
    ),
    dict(
        kind="note",
        title="Paired with Sam on the on-call runbook.",
        when=at("2026-02-10 10:00"),
        goals=["mentor"],
    ),
    dict(
        kind="feedback",
        title="Pricing pages should be shorter <script>alert(1)</script>",
        when=at("2026-04-22 14:00"),
        goals=["revenue"],
        source="Marco (VP Sales)",
        sentiment="constructive",
        tags=["writing"],
    ),
    dict(
        kind="feedback",
        title="Great proposal; too long for execs.",
        when=at("2026-05-15 09:30"),
        goals=["influence"],
        skills=["presenting"],
        source="Priya",
        sentiment="mixed",
        tags=["communication"],
    ),
    dict(
        kind="win",
        title="Signed Acme: a three-year enterprise deal",
        when=at("2026-06-30 23:59"),
        goals=["enterprise"],
        starred=True,
    ),
    dict(kind="win", title="Globex renewal", when=at("2026-07-01 00:00"), goals=["revenue"]),
    dict(
        kind="note", title="Profiled checkout p95", when=at("2025-10-01 12:00"), goals=["latency"]
    ),
    dict(
        kind="reflection",
        title="Ran the Q2 demo [a](javascript:alert(1)) # not a heading",
        when=at("2026-04-02 17:00"),
        skills=["presenting"],
    ),
    dict(
        kind="feedback",
        title="Great onboarding docs",
        when=at("2026-05-30 12:00"),
        sentiment="praise",
        tags=["writing"],
    ),
]


def build_sample(store: JournalStore) -> dict[str, str]:
    """Fill `store`; return code -> id for goals and skills, and e1.. names -> entry ids."""
    store.goals.add(
        "Grow enterprise revenue",
        code="revenue",
        measure="New enterprise ARR",
        target="$2M",
        due="2026-12-31",
    )
    store.goals.add("Win three enterprise deals", code="enterprise", parent="revenue")
    store.goals.add(
        "Cut checkout latency", code="latency", measure="p95 checkout time", target="under 300 ms"
    )
    store.goals.add("Build the platform team", code="hiring")
    store.goals.add(
        "Influence across teams",
        code="influence",
        scope="personal",
        supports=["revenue"],
        measure="Cross-team proposals adopted",
        target="2",
        due="2026-06-30",
    )
    store.goals.add("Mentor a junior engineer", code="mentor", scope="personal", parent="hiring")
    store.skills.add("Data modelling", code="modelling", level=3, target_level=4)
    ids = {g["code"]: g["id"] for g in store.goals.all()}
    items = [{k: v for k, v in e.items() if k != "skills"} for e in ENTRIES]
    added = store.entries.add_many(items)
    names = {f"e{n}": rec["id"] for n, rec in enumerate(added, 1)}
    skill = store.skills.add(
        "Presenting to leadership",
        code="presenting",
        why=[names["e4"]],
        level=2,
        target_level=4,
        plan="Monthly demo to the VP; a storytelling course",
    )
    ids |= {s["code"]: s["id"] for s in store.skills.all()}
    for n, entry in enumerate(ENTRIES, 1):
        if entry.get("skills"):
            store.entries.link(names[f"e{n}"], skills=entry["skills"])
    assert skill["id"] == ids["presenting"]
    return ids | names


def sample_review(ids: dict[str, str]) -> Review:
    """A saved review with ratings, narratives (one trying to inject Markdown) and a drop."""
    review = new_review(H1)
    set_rating(review, ids["revenue"], "Exceeded")
    set_narrative(
        review,
        ids["revenue"],
        "Signed Acme, our largest deal this year.\n\n"
        "- Led pricing\n- Ran the board demo\n"
        "# not a heading\n[click](javascript:alert(1)) <b>bold?</b>",
    )
    set_excluded(review, ids["revenue"], ids["e4"], True)
    set_rating(review, ids["hiring"], "Partially met")
    set_narrative(review, ids["hiring"], "Loop designed; hires slipped to Q3.")
    set_skill_narrative(review, ids["presenting"], "Two exec demos; shorter decks since May.")
    review["summary"] = "A strong half: Acme signed, and I grew as a presenter.\n* still a list"
    review["next_steps"] = "- Present the Q3 plan to the VP\n- Finish the storytelling course"
    return review

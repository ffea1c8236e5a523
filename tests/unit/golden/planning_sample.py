"""A small hand-built journal for issue 15's planning views, with known answers.

Company goals revenue (with a sub-goal enterprise) and onboarding; personal goals
influence (from Priya's constructive feedback, woven into revenue by a plan step and
agreed with Dana) and delegation (from feedback, not woven in yet); a skill presenting
served by a step on onboarding; two 1:1s with Dana with action items. The clock is fixed
and times carry a fixed UTC offset, so the goldens do not depend on the machine.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from journal.planning.develop import goal_from_feedback
from journal.planning.meeting_store import add_meeting, done_action
from journal.planning.plan_store import add_step, agree, done_step
from journal.store.journal_store import JournalStore

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
TODAY = NOW.date()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def planning_store(path: Path) -> JournalStore:
    """A store on `path` filled with the sample, its clock fixed at NOW."""
    store = JournalStore(path, clock=lambda: NOW)
    store.goals.add(
        "Grow enterprise revenue",
        code="revenue",
        measure="New enterprise ARR",
        target="$2M",
        due="2027-06-30",
    )
    store.goals.add(
        "Win three enterprise deals", code="enterprise", parent="revenue", due="2027-03-31"
    )
    store.goals.add("Onboarding", code="onboarding")  # not SMART: a bare noun, no dates
    store.skills.add(
        "Presenting to leadership",
        code="presenting",
        level=2,
        target_level=4,
        plan="A storytelling course",
    )
    feedback = store.entries.add(
        "feedback",
        "Bring sales along before the pricing decision.",
        when=at("2026-10-02 16:00"),
        source="Priya",
        sentiment="constructive",
        tags=["influencing"],
        goals=["revenue"],
    )
    store.entries.add(
        "win",
        "Pricing workshop agreed with sales",
        when=at("2026-10-05 10:00"),
        goals=["revenue"],
        tags=["influencing"],
    )
    store.entries.add(
        "feedback",
        "Hand over more of the release work.",
        when=at("2026-10-20 11:00"),
        source="Marco (VP)",
        sentiment="constructive",
        tags=["delegation"],
    )
    goal_from_feedback(
        store,
        feedback["id"],
        code="influence",
        into="revenue",
        step_text="Co-run the pricing workshop with sales",
        measure="Cross-team proposals adopted",
        target="2",
        due="2027-06-30",
    )
    add_step(store, "revenue", "Close the Initech renewal", due=date(2027, 2, 28))
    done_step(store, "revenue", 2)
    agree(
        store,
        "influence",
        "Dana",
        when=date(2026, 10, 10),
        support="Monthly coaching; an intro to the sales VP",
    )
    add_step(store, "onboarding", "Demo the new flow to leadership", serves="presenting")
    goal_from_feedback(store, "e3", code="delegation")
    add_meeting(
        store,
        "Q4 check-in",
        ["Draft the pricing memo", "Book the course"],
        who="Dana",
        when=at("2026-10-15 14:00"),
    )
    add_meeting(
        store,
        "Pricing follow-up",
        ["Ask finance for the numbers"],
        who="Dana",
        when=at("2026-11-05 14:00"),
    )
    done_action(store, 2)
    store.entries.add(
        "win", "Signed Initech's renewal", when=at("2026-11-10 09:00"), goals=["revenue"]
    )
    store.entries.add(
        "note", "Need a budget line for the course", when=at("2026-11-12 09:00"), tags=["ask"]
    )
    return store

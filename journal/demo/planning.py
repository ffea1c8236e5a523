"""The demo's execution plans, agreements and 1:1 notes (issue 15), so the Plan screen,
the 1:1 agenda, `journal goal check` and the goal views all have something to show.

`journal.demo.year.build_demo` adds `planning_entries` to its entries and calls
`add_planning` once the goals and skills exist, inside its pinned clock and transaction.
Deterministic: dates count back from `now`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from journal.planning.plan_store import add_step, agree, done_step
from journal.store.journal_store import JournalStore

MANAGER_NAME = "Priya"

# (company goal, step, serves (personal goal or skill) or None, due in days, done)
STEPS = [
    ("revenue", "Run the pricing workshop with sales and finance", "influence", -40, True),
    ("revenue", "Write the enterprise pricing proposal, problem first", "storytelling", 30, False),
    ("enterprise-deals", "Pair with Ana on the Initech technical review", None, 20, False),
    ("latency", "Hand the cache migration to Mei, weekly check-in", "delegation", 45, False),
    ("latency", "Present the p95 results at the quarterly review", "visibility", 60, False),
    ("onboarding", "Mentor the intern through the first-report flow", "mentoring", 75, False),
]

# (goal, days ago, support)
AGREEMENTS = [
    ("influence", 200, "monthly coaching on stakeholder maps; an intro to the sales VP"),
    ("visibility", 180, "a slot at each quarterly review"),
    ("mentoring", 150, ""),
]

# (days ago, text, action items, how many of them are done, a week after the 1:1)
MEETINGS = [
    (
        44,
        "Q3 goals check-in: pricing workshop went well, latency behind.",
        ["Draft the pricing proposal outline", "Book the storytelling course"],
        2,
    ),
    (
        16,
        "Talked about delegation and the cache migration; career path to staff.",
        ["Agree the migration handover plan with Mei", "Ask finance for the deal numbers"],
        1,
    ),
]


def planning_entries(now: datetime) -> list[dict[str, Any]]:
    """The 1:1 notes (with their action items, some done) and an `ask`, as entry items for
    the demo's one `entries.add_many`, so ids still follow time."""
    today = now.date()
    items: list[dict[str, Any]] = []
    for days, text, actions, done in MEETINGS:
        day = today - timedelta(days=days)
        items.append(
            {
                "kind": "note",
                "text": text,
                "tags": ["1on1"],
                "with": MANAGER_NAME,
                "when": datetime.combine(day, time(11, 0), now.tzinfo),
                "actions": [
                    {
                        "text": action,
                        "done_on": (day + timedelta(days=7)).isoformat() if n < done else None,
                    }
                    for n, action in enumerate(actions)
                ],
            }
        )
    items.append(
        {
            "kind": "note",
            "text": "Need a budget line for the storytelling course",
            "tags": ["ask"],
            "when": now - timedelta(days=3),
        }
    )
    return items


def add_planning(store: JournalStore, now: datetime) -> None:
    """Plan steps and agreements on the demo's goals (after they exist)."""
    today = now.date()
    known = {g["code"] for g in store.goals.all()} | {s["code"] for s in store.skills.all()}
    for goal, text, serves, days, done in STEPS:
        if goal not in known or (serves is not None and serves not in known):
            continue
        _, number = add_step(store, goal, text, serves=serves, due=today + timedelta(days=days))
        if done:
            done_step(store, goal, number)
    for goal, days, support in AGREEMENTS:
        if goal in known:
            agree(store, goal, MANAGER_NAME, when=today - timedelta(days=days), support=support)

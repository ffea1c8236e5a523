"""The demo's coaching: a few weeks of weekly reviews (the last one just over a week ago,
so the streak shows and a weekly review is due) and a draft self-assessment whose period
ends within the month, so `journal --demo` and `journal coach` show nudges of several
kinds (off-track, review-coming, weekly-review-due, feedback-to-act-on, quiet-goal,
unsmart-goal). The demo builder adds `weekly_items` to its entries (ids follow time) and
calls `add_review` once its goals exist."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from journal.coach.questions import DEFAULT, TOP_THREE
from journal.coach.weekly import LAST_WEEK

# days ago, answers to the first three default questions, the top three set that week
WEEKS: list[tuple[int, tuple[str, str, str], list[str]]] = [
    (
        29,
        (
            "Checkout p95 down to 335 ms after the coupon fix.",
            "Profile before guessing.",
            "Paired with Sam on the flaky cart test.",
        ),
        ["Write the latency post-mortem", "Book the enterprise demo", "Review Sam's design doc"],
    ),
    (
        22,
        (
            "The Acme demo went well: they asked for a pilot.",
            "Lead with the customer problem.",
            "Walked Lena through the billing code.",
        ),
        ["Send the Acme pilot plan", "Write the latency post-mortem", "Prepare the 1:1 agenda"],
    ),
    (
        15,
        (
            "Post-mortem shared; two teams adopted the checklist.",
            "A written summary travels further than a meeting.",
            "Helped support triage a spike.",
        ),
        ["Draft the onboarding guide", "Send the Acme pilot plan", "Ask Priya about the forum"],
    ),
    (
        8,
        (
            "Pilot plan signed off by Acme's CTO.",
            "Short docs get read.",
            "Reviewed two design docs for the platform team.",
        ),
        ["Draft the onboarding guide", "Plan Q1 goals with Priya", "Clean up the alert noise"],
    ),
]


def _body(
    answers: tuple[str, str, str], top: list[str], last: list[str] | None, done: set[str]
) -> str:
    parts = []
    if last:
        ticks = "\n".join(f"- [{'x' if item in done else ' '}] {item}" for item in last)
        parts.append(f"## {LAST_WEEK}\n\n{ticks}")
    parts += [
        f"## {question}\n\n{answer}" for question, answer in zip(DEFAULT, answers, strict=False)
    ]
    parts.append(f"## {TOP_THREE}\n\n" + "\n".join(f"- [ ] {item}" for item in top))
    return "\n\n".join(parts)


def weekly_items(now: datetime) -> list[dict[str, Any]]:
    """The weekly reviews, as entries for `entries.add_many`."""
    items = []
    last: list[str] | None = None
    for days, answers, top in WEEKS:
        when = (now - timedelta(days=days)).replace(hour=17, minute=30, second=0)
        done = set(last or ()) - set(top)  # what did not come back was done
        year, week, _ = when.date().isocalendar()
        items.append(
            {
                "kind": "reflection",
                "title": f"Weekly review {year}-W{week:02d}",
                "body": _body(answers, top, last, done),
                "when": when,
                "tags": ["weekly"],
            }
        )
        last = top
    return items


def add_review(store: Any, now: datetime) -> None:
    """A draft self-assessment for the five months ending three weeks from now."""
    end = now.date() + timedelta(days=21)
    start = (end - timedelta(days=150)).replace(day=1)
    label = f"{start.isoformat()}..{end.isoformat()}"
    store.reviews.save(
        {
            "title": "Mid-cycle self-assessment",
            "period": {"start": start.isoformat(), "end": end.isoformat(), "label": label},
            "goals": {},
            "skills": {},
            "summary": "",
            "next_steps": "",
            "status": "draft",
        }
    )

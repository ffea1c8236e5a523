"""The demo's goal progress: metrics, milestones and a year of check-ins, chosen so that
`journal --demo` shows every status at least once (done, on track, behind, at risk,
overdue, no data). The demo builder calls `set_progress` once its goals exist and adds
`checkin_items` to the entries it writes (so ids still follow time)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from journal.measure import with_unit

START_DAYS_AGO = 270  # the metrics started about nine months before "now"
STARTED = {"enterprise-deals": 330, "balance": 10}  # the exceptions, in days ago

# code: (unit, baseline, target, [(days ago, value, confidence, note)], expected status)
METRICS: dict[str, tuple[str, float, float, list[tuple[int, float, str | None, str]], str]] = {
    "latency": (
        "ms",
        520,
        300,
        [
            (240, 505, "high", "Baseline profile: the tax call is half of it."),
            (180, 450, "high", "Tax call cached."),
            (120, 400, "medium", "Connection pool resized; p95 noisy on Mondays."),
            (60, 360, "high", "Moved the coupon lookup out of the hot path."),
            (12, 335, "high", "Last regression fixed; holding steady."),
        ],
        "on track",
    ),
    "revenue": (
        "%",
        0,
        30,
        [
            (200, 6, "medium", "Q1 close: ahead of last year's pace."),
            (110, 13, "medium", "Two renewals upsold."),
            (20, 21, "low", "Pending Acme's paperwork."),
        ],
        "on track",
    ),
    "enterprise-deals": (
        "deals",
        0,
        5,
        [
            (190, 1, "high", "Initech signed."),
            (100, 2, "high", "Globex signed after the security review."),
            (25, 3, "medium", "Acme verbal yes; legal next."),
        ],
        "behind",
    ),
    "onboarding": (
        "days",
        14,
        7,
        [
            (210, 14, "high", "Measured: median 14 days to first report."),
            (90, 13.5, "medium", "Setup wizard shipped; little effect yet."),
            (15, 13, "low", "Import step still the bottleneck."),
        ],
        "at risk",
    ),
    "quality": (
        "incidents",
        9,
        3,
        [
            (230, 9, "high", "Last quarter's count."),
            (150, 7, "high", "Canary deploys on."),
            (70, 5, "medium", "Runbooks for the top five alerts."),
            (8, 3, "high", "Quarter closed with three incidents."),
        ],
        "done",
    ),
    "balance": ("late nights", 6, 2, [], "no data"),  # started ten days ago: none yet
}

MILESTONES: dict[str, list[tuple[str, int | None, int | None]]] = {
    # code: [(text, due in days from today or None, done days ago or None)]
    "innovation": [
        ("Feature-flag service live", -150, 140),
        ("Search suggestions experiment live", -20, None),
    ],
    "influence": [
        ("Run the API guild for a quarter", -60, 70),
        ("Get the shared-schema RFC adopted", 80, None),
    ],
    "mentoring": [
        ("Sam owns the billing export end to end", -30, 35),
        ("Lena owns a feature end to end", 150, None),
    ],
}
OVERDUE_GOAL = "innovation"  # its due date moves to last month: the demo's overdue goal


def _days(today: date, n: int) -> str:
    return (today + timedelta(days=n)).isoformat()


def set_progress(store: Any, today: date) -> None:
    """Give the demo's goals their metrics and milestones (inside the builder's write)."""
    for code, (unit, baseline, target, _points, _status) in METRICS.items():
        start = today - timedelta(days=STARTED.get(code, START_DAYS_AGO))
        store.goals.update(
            code,
            metric={
                "unit": unit,
                "baseline": baseline,
                "target": target,
                "start": start.isoformat(),
            },
        )
    for code, items in MILESTONES.items():
        milestones = [
            {
                "text": text,
                "due": None if due is None else _days(today, due),
                "done_on": None if done is None else _days(today, -done),
            }
            for text, due, done in items
        ]
        store.goals.update(code, milestones=milestones)
    first = today.replace(day=1)
    store.goals.update(OVERDUE_GOAL, due=(first - timedelta(days=1)).isoformat())


def checkin_items(now: datetime, titles: dict[str, str]) -> list[dict[str, Any]]:
    """The check-in entries, dated before `now` (`titles`: goal code -> title)."""
    items = []
    for code, (unit, _baseline, _target, points, _status) in METRICS.items():
        for days_ago, value, confidence, note in points:
            when = (now - timedelta(days=days_ago)).replace(hour=9, minute=15, second=0)
            items.append(
                {
                    "kind": "checkin",
                    "title": f"Check-in on {titles[code]}: {with_unit(value, unit)}",
                    "body": note,
                    "when": when,
                    "goals": [code],
                    "tags": ["progress"],
                    "value": float(value),
                    "confidence": confidence,
                }
            )
    return items

"""Benchmark journals: `generate_journal(path, n)` writes a realistic journal of n entries.

Kept apart from the demo (which shows a newcomer one year) because the benchmark wants
years of entries with ~80-word bodies, the same bytes for the same arguments.
"""

from __future__ import annotations

import os
import random
from datetime import datetime, timedelta, timezone
from typing import Any

from journal.demo.cast import CSM, MANAGER, MENTEE, PEER, TOM, VP
from journal.demo.entries import KIND_WEIGHTS, THEMES, _fill
from journal.demo.year import _pinned_clock

GENERATOR_VERSION = 3  # bump when generate_journal's output changes (benchmark cache key)


BENCH_END = datetime(2026, 6, 30, 18, 0, tzinfo=timezone(timedelta(hours=1)))
BENCH_DAYS = 3 * 365
BENCH_TAGS = [
    "customer",
    "sales",
    "pricing",
    "enterprise",
    "demo",
    "perf",
    "checkout",
    "sql",
    "cache",
    "onboarding",
    "docs",
    "ux",
    "incident",
    "oncall",
    "postmortem",
    "alerting",
    "hackweek",
    "prototype",
    "ml",
    "cross-team",
    "proposal",
    "leadership",
    "presentation",
    "writing",
    "mentoring",
    "1on1",
    "balance",
    "wellbeing",
    "team",
    "planning",
    "learning",
    "hiring",
    "interview",
    "retro",
    "code-review",
    "design-review",
    "security",
    "migration",
    "api",
    "release",
]
# code, scope, parent, supports
BENCH_GOALS = [
    ("revenue", "company", None, []),
    ("enterprise", "company", "revenue", []),
    ("renewals", "company", "revenue", []),
    ("latency", "company", None, []),
    ("onboarding", "company", None, []),
    ("quality", "company", None, []),
    ("innovation", "company", None, []),
    ("security", "company", None, []),
    ("influence", "personal", None, ["revenue"]),
    ("visibility", "personal", None, ["latency", "quality"]),
    ("mentoring", "personal", "onboarding", []),
    ("balance", "personal", None, ["quality"]),
]
BENCH_SKILLS = [
    "storytelling",
    "delegation",
    "exec-writing",
    "query-tuning",
    "negotiation",
    "incident-command",
]
BENCH_SOURCES = [MANAGER, PEER, TOM, VP, CSM, MENTEE, "Jonas (peer)", "Lena (staff engineer)"]
_SENTENCES = [  # (sentence, word count): the bank's one-line sentences, in a fixed order
    (text, len(text.split()))
    for text in sorted(
        {
            t
            for theme in THEMES.values()
            for k in ("win", "note", "reflection", "detail")
            for t in theme[k]
            if "\n" not in t
        }
    )
]


def generate_journal(path: str | os.PathLike[str], n_entries: int, seed: int = 1) -> None:
    """Write a journal of `n_entries` (~80-word bodies, three years) for the benchmark.

    The file must not exist yet. Same arguments, same bytes.
    """
    from journal.store.journal_store import JournalStore

    if os.path.exists(path):
        raise FileExistsError(f"{path} exists; generate_journal only writes new journals")
    rng = random.Random(f"bench-{seed}-{n_entries}")
    seconds = sorted(rng.randrange(BENCH_DAYS * 86400) for _ in range(n_entries))
    start = BENCH_END - timedelta(days=BENCH_DAYS)
    goal_codes = [g[0] for g in BENCH_GOALS]
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    items: list[dict[str, Any]] = []
    for offset in seconds:
        kind = rng.choices(kinds, kind_weights)[0]
        body: list[str] = []
        words = 0
        while words < 75:
            sentence, count = rng.choice(_SENTENCES)
            body.append(_fill(rng, sentence))
            words += count
        when = start + timedelta(seconds=offset)
        item: dict[str, Any] = {
            "kind": kind,
            "when": when,
            "created": when,
            "title": _fill(rng, rng.choice(_SENTENCES)[0]),
            "body": " ".join(body),
            "tags": rng.sample(BENCH_TAGS, rng.randint(1, 3)),
            "goals": rng.sample(goal_codes, rng.randint(1, 2)) if rng.random() < 0.6 else [],
            "skills": [rng.choice(BENCH_SKILLS)] if rng.random() < 0.25 else [],
            "starred": rng.random() < 0.08,
        }
        if kind == "feedback":
            item["source"] = rng.choice(BENCH_SOURCES)
            item["sentiment"] = rng.choices(["praise", "constructive", "mixed"], [5, 3, 2])[0]
        items.append(item)
    from journal.timestamps import to_iso

    for item in items:
        item["created"] = to_iso(item["created"])
    store = JournalStore(path)
    try:
        with _pinned_clock(store, BENCH_END), store.transaction():
            for code, scope, parent, supports in BENCH_GOALS:
                store.goals.add(
                    code.replace("-", " ").capitalize(),
                    code=code,
                    scope=scope,
                    parent=parent,
                    supports=supports,
                )
            for code in BENCH_SKILLS:
                store.skills.add(code.replace("-", " ").capitalize(), code=code)
            store.entries.add_many(items)
    finally:
        store.close()

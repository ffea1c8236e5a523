"""The demo journal: a believable year for `journal --demo` and the snapshot tests.

Deterministic, so snapshots are repeatable: the same now and seed give the same records.
The store stamps `created`/`updated` with its clock, so while building we pin the clock
to the journal's "now" (see `_pinned_clock`). Everything is written in one store
transaction, i.e. one atomic save. Big benchmark journals are tests/bench/generate.py's job.
"""

from __future__ import annotations

import contextlib
import os
import random
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore


# -- the demo's cast and goals ----------------------------------------------------------

MANAGER, PEER, TOM = "Priya (manager)", "Ana (peer)", "Tom"
VP, CSM, MENTEE = "Dana Okafor (VP Engineering)", "Sam (customer success)", "Mei (mentee)"

# code, title, parent, measure, target, months from now until due
COMPANY_GOALS = [
    ("revenue", "Grow enterprise revenue 30% this year", None, "enterprise ARR", "+30% YoY", 2),
    (
        "enterprise-deals",
        "Close five enterprise deals above $100k",
        "revenue",
        "signed contracts",
        "5 deals",
        2,
    ),
    (
        "latency",
        "Bring checkout p95 latency under 300 ms",
        None,
        "p95 checkout latency",
        "< 300 ms",
        1,
    ),
    (
        "onboarding",
        "Halve time-to-first-value for new customers",
        None,
        "median days to first report",
        "7 days (from 14)",
        4,
    ),
    (
        "quality",
        "Cut customer-facing incidents by 40%",
        None,
        "Sev1/Sev2 incidents a quarter",
        "<= 3",
        5,
    ),
    (
        "innovation",
        "Ship two hack-week experiments to production",
        None,
        "experiments live",
        "2",
        3,
    ),
]
# code, title, parent, supports, measure, target, months from now until due
PERSONAL_GOALS = [
    (
        "influence",
        "Influence across teams without authority",
        None,
        ["revenue", "enterprise-deals"],
        "cross-team proposals adopted",
        "2 this year",
        3,
    ),
    (
        "visibility",
        "Present our team's work to leadership every quarter",
        None,
        ["latency", "quality"],
        "leadership presentations",
        "4",
        2,
    ),
    (
        "mentoring",
        "Mentor two junior engineers to independence",
        "onboarding",
        [],
        "mentees owning a feature end to end",
        "2",
        6,
    ),
    (
        "balance",
        "Sustainable pace: at most two late nights a month",
        None,
        ["quality"],
        "late nights a month",
        "<= 2",
        1,
    ),
]
STALE_GOAL = "innovation"  # no evidence in the last ~quarter: the review's gap to call out
STALE_GOAL_DAYS = 110  # the demo's stale goal: its last evidence this long ago

# code, name, level, target, plan, anchor (the feedback it came from, see ANCHORS)
SKILLS = [
    (
        "storytelling",
        "Leading with the customer problem",
        2,
        4,
        "Rewrite two design docs problem-first; Priya reviews the first paragraph of each.",
        "story",
    ),
    (
        "delegation",
        "Delegating instead of doing it myself",
        2,
        3,
        "Hand the next migration to Mei; a 15-minute check-in each week instead of pairing.",
        "delegate",
    ),
    (
        "exec-writing",
        "Writing for executives",
        2,
        4,
        "One-page memos with the ask first; Dana's office hours once a month.",
        "memo",
    ),
    (
        "query-tuning",
        "PostgreSQL query tuning",
        3,
        4,
        "Finish the Postgres internals course; own the slow-query review for a quarter.",
        None,
    ),
]

# key, days before now, source, sentiment, goals, tags, text
ANCHORS = [
    (
        "story",
        300,
        MANAGER,
        "constructive",
        ["latency"],
        ["design-review", "1on1"],
        "Lead with the customer problem, not the architecture. Priya said it after the checkout "
        "design review: the first ten minutes were boxes and arrows and the room only woke up "
        "when I showed the abandoned-cart numbers.\n\nHer suggestion: open with **one customer "
        "and one number**, then the design.",
    ),
    (
        "delegate",
        250,
        TOM,
        "constructive",
        ["mentoring"],
        ["mentoring", "migration"],
        "You took the migration back the moment it got hard. Tom, kindly but directly, in our "
        "retro. Mei had it under control and I jumped in anyway. He is right that she learned "
        "less and I worked the weekend.",
    ),
    (
        "memo",
        200,
        VP,
        "mixed",
        ["latency", "visibility"],
        ["leadership", "writing"],
        "The latency results are excellent; the memo buried the ask on page three. Dana's "
        "comments on the quarterly update. She wants:\n\n- the decision needed in the first "
        "line\n- numbers before narrative\n- one page, appendix for the rest",
    ),
]

CUSTOMERS = [
    "Northwind",
    "Acme Logistics",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Vandelay",
    "Stark Freight",
    "Blue Harbor Bank",
]
PEOPLE = ["Ana", "Tom", "Jonas", "Ravi", "Lena", "Mei", "Chris"]
SERVICES = ["checkout", "pricing", "the cart service", "search", "the payments gateway"]

SOURCES = {"manager": MANAGER, "peer": PEER, "tom": TOM, "vp": VP, "csm": CSM, "mentee": MENTEE}

# The demo's words, in data/demo.txt (shipped as package data). `[theme] tags` starts a
# goal's bank (titles by kind, then details any entry may add); `[feedback]` lines are
# `sentiment source theme: text`. An indented line continues the one above; a literal \n is
# a line break (for Markdown lists).
DEMO_TEXT = resources.files("journal").joinpath("data/demo.txt").read_text(encoding="utf-8")


def _parse_demo_text(
    raw: str,
) -> tuple[dict[str, dict[str, list[str]]], list[tuple[str, str, str, str]], dict[str, list[str]]]:
    """Read DEMO_TEXT into theme banks, feedback items and follow-up sentences."""
    lines: list[str] = []
    for line in raw.strip().splitlines():
        if line.startswith("    "):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    themes: dict[str, dict[str, list[str]]] = {}
    feedback: list[tuple[str, str, str, str]] = []
    follow_ups: dict[str, list[str]] = {}
    section = ""
    for line in lines:
        line = line.replace("\\n", "\n")
        if line.startswith("["):
            section, _, tags = line[1:].partition("] ")
            section = section.rstrip("]")
            if section not in ("feedback", "follow-up"):
                themes[section] = {
                    "tags": tags.split(),
                    "win": [],
                    "note": [],
                    "reflection": [],
                    "detail": [],
                }
            continue
        head, _, text = line.partition(": ")
        if section == "feedback":
            sentiment, source, theme = head.split()
            feedback.append((sentiment, SOURCES[source], theme, text))
        elif section == "follow-up":
            follow_ups.setdefault(head, []).append(text)
        else:
            themes[section][head].append(text)
    return themes, feedback, follow_ups


THEMES, FEEDBACK, FOLLOW_UPS = _parse_demo_text(DEMO_TEXT)

THEME_WEIGHTS = {
    "revenue": 8,
    "enterprise-deals": 7,
    "latency": 12,
    "onboarding": 8,
    "quality": 11,
    "innovation": 5,
    "influence": 7,
    "visibility": 6,
    "mentoring": 8,
    "balance": 5,
    "general": 18,
}
THEME_SKILL = {
    "latency": "query-tuning",
    "influence": "storytelling",
    "revenue": "storytelling",
    "enterprise-deals": "storytelling",
    "visibility": "exec-writing",
    "mentoring": "delegation",
}
KIND_WEIGHTS = {"note": 34, "reflection": 24, "win": 22, "feedback": 20}
DEMO_ENTRIES = 250


@contextlib.contextmanager
def _pinned_clock(store: JournalStore, now: datetime) -> Iterator[None]:
    """Make the store stamp created/updated with `now`, so output is repeatable."""
    original = store.clock
    store.clock = lambda: now
    try:
        yield
    finally:
        store.clock = original


def _at(day: date, hour: int, minute: int, tz: Any) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _moment(rng: random.Random, now: datetime, days_ago: int, kind: str) -> datetime:
    """A plausible local time `days_ago` days before now: workdays, evenings for reflections."""
    day = now.date() - timedelta(days=days_ago)
    hour = rng.choice([17, 18, 19, 21]) if kind == "reflection" else rng.randint(8, 17)
    when = _at(day, hour, rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50]), now.tzinfo)
    return min(when, now - timedelta(minutes=rng.randint(5, 50)))


def _workday_offset(rng: random.Random, today: date, low: int, high: int) -> int:
    """Days ago in [low, high], mostly on weekdays."""
    while True:
        days = rng.randint(low, high)
        if rng.random() < 0.15 or (today - timedelta(days=days)).weekday() < 5:
            return days


def _fill(rng: random.Random, template: str) -> str:
    if "{" not in template:
        return template
    ms = rng.randint(240, 420)
    return template.format(
        customer=rng.choice(CUSTOMERS),
        person=rng.choice(PEOPLE),
        service=rng.choice(SERVICES),
        weekday=rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        pct=rng.randint(4, 35),
        n=rng.randint(4, 12),
        ms=ms,
        ms_old=ms + rng.randint(60, 300),
    )


class _Deck:
    """Draw without replacement, reshuffling when empty: repeats come late and spread out."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.piles: dict[str, list[Any]] = {}

    def draw(self, name: str, cards: list[Any]) -> Any:
        pile = self.piles.get(name)
        if not pile:
            pile = self.piles[name] = list(cards)
            self.rng.shuffle(pile)
        return pile.pop()


def _demo_entry(
    rng: random.Random, deck: _Deck, now: datetime, skills_from: dict[str, int]
) -> dict[str, Any]:
    """One generated entry: a theme (goal), a kind, a title, a few sentences of detail."""
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    item: dict[str, Any] = {"kind": kind}
    if kind == "feedback":
        sentiment, source, theme, text = deck.draw("feedback", FEEDBACK)
        item |= {"sentiment": sentiment, "source": source}
        item["text"] = f"{_fill(rng, text)} {rng.choice(FOLLOW_UPS[sentiment])}"
    else:
        theme = rng.choices(list(THEME_WEIGHTS), weights=list(THEME_WEIGHTS.values()))[0]
    bank = THEMES[theme]
    days = _workday_offset(rng, now.date(), STALE_GOAL_DAYS if theme == STALE_GOAL else 0, 364)
    item["when"] = _moment(rng, now, days, kind)
    if kind != "feedback":
        title = _fill(rng, deck.draw(f"{theme}/{kind}", bank[kind]))
        details = rng.sample(bank["detail"], k=rng.choices([0, 1, 2, 3], [2, 5, 5, 2])[0])
        parts = [_fill(rng, d) for d in details]
        block = next((p for p in parts if "\n" in p), None)
        prose = " ".join(p for p in parts if p is not block)
        text = f"{title} {prose}" if prose else title
        item["text"] = f"{text}\n\n{block}" if block else text
    item["tags"] = rng.sample(bank["tags"], k=rng.randint(1, min(2, len(bank["tags"]))))
    item["goals"] = [] if theme == "general" else [theme]
    skill = THEME_SKILL.get(theme)
    if skill and days < skills_from.get(skill, 365) and rng.random() < 0.4:
        item["skills"] = [skill]
    starred_odds = {"win": 0.3, "feedback": 0.2}.get(kind, 0.04)
    item["starred"] = rng.random() < starred_odds
    return item


def _month_end(today: date, months_ahead: int) -> str:
    """The last day of the month `months_ahead` after today's, as ISO text."""
    y, m = divmod(today.month - 1 + months_ahead + 1, 12)
    return (date(today.year + y, m + 1, 1) - timedelta(days=1)).isoformat()


def build_demo(store: JournalStore, now: datetime | None = None, seed: int = 7) -> None:
    """Fill an empty store with a year of a software engineer's journal, ending at `now`."""
    from journal.demo import coach as demo_coach
    from journal.demo import progress as demo_progress
    from journal.demo.planning import add_planning, planning_entries
    from journal.timestamps import local_now, to_iso

    now = (now or local_now()).replace(microsecond=0)
    now = now if now.tzinfo is not None else now.astimezone()
    if store.entries.all() or store.goals.all() or store.skills.all():
        raise ValueError(f"build_demo needs an empty journal; {store.path} has data")
    rng = random.Random(f"demo-{seed}")
    anchor_days = {key: days for key, days, *_rest in ANCHORS}
    skills_from = {code: anchor_days[anchor] for code, *_rest, anchor in SKILLS if anchor}
    skills_from["query-tuning"] = 330
    anchors: dict[str, dict[str, Any]] = {
        key: {
            "kind": "feedback",
            "source": source,
            "sentiment": sentiment,
            "goals": goals,
            "tags": tags,
            "text": text,
            "starred": True,
            "when": _at(now.date() - timedelta(days=days), 16, 30, now.tzinfo),
        }
        for key, days, source, sentiment, goals, tags, text in ANCHORS
    }
    items = list(anchors.values())
    deck = _Deck(rng)
    items += [_demo_entry(rng, deck, now, skills_from) for _ in range(DEMO_ENTRIES - len(items))]
    items += demo_progress.checkin_items(now, {c: t for c, t, *_ in COMPANY_GOALS + PERSONAL_GOALS})
    items += demo_coach.weekly_items(now)
    items += planning_entries(now)  # 1:1 notes and an ask (issue 15)
    items.sort(key=lambda item: item["when"])  # ids follow time: e1 is the oldest
    for item in items:
        item["created"] = to_iso(item["when"])
    today = now.date()
    with _pinned_clock(store, now), store.transaction():
        for code, title, parent, measure, target, months in COMPANY_GOALS:
            store.goals.add(
                title,
                code=code,
                parent=parent,
                measure=measure,
                target=target,
                due=_month_end(today, months),
            )
        for code, title, parent, supports, measure, target, months in PERSONAL_GOALS:
            store.goals.add(
                title,
                code=code,
                scope="personal",
                parent=parent,
                supports=supports,
                measure=measure,
                target=target,
                due=_month_end(today, months),
            )
        demo_progress.set_progress(store, today)
        demo_coach.add_review(store, now)
        for code, name, level, target_level, plan, _anchor in SKILLS:
            store.skills.add(name, code=code, level=level, target_level=target_level, plan=plan)
        added = store.entries.add_many(items)
        ids = {id(item): entry["id"] for item, entry in zip(items, added, strict=True)}
        for code, *_rest, anchor in SKILLS:
            if anchor:
                store.skills.update(code, why=[ids[id(anchors[anchor])]])
        add_planning(store, now)  # plan steps and agreements (issue 15)


def demo_store() -> JournalStore:
    """A throwaway journal in a fresh temp folder, filled with the demo year.

    The folder is removed when the process exits, so `journal --demo` leaves nothing behind.
    """
    import atexit
    import shutil

    from journal.store.journal_store import JournalStore

    folder = tempfile.mkdtemp(prefix="journal-demo-")
    os.chmod(folder, 0o700)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    remove_on_hangup(folder)
    store = JournalStore(os.path.join(folder, "journal.json"))
    build_demo(store)
    return store


def remove_on_hangup(folder: str) -> None:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the process without
    running atexit: remove the throwaway journal first, then let the signal act as it
    would have (a handler the app installs later takes over, and its clean exit runs
    atexit instead)."""
    import shutil
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum: int, frame: object) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        before = previous[signum]
        signal.signal(signum, signal.SIG_DFL if before is None else before)
        os.kill(os.getpid(), signum)

    previous: dict[int, Any] = {}
    for signum in (signal.SIGHUP, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup: stays ignored
            previous[signum] = signal.signal(signum, handler)

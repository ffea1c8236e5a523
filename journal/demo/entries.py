"""The demo year's generated entries: the words in data/demo.txt, how often each goal
and kind comes up, and drawing one plausible entry (a theme, a time, a title, details).

Deterministic: the same `random.Random` gives the same entries.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Any

from journal.demo.cast import CSM, MANAGER, MENTEE, PEER, STALE_GOAL, STALE_GOAL_DAYS, TOM, VP

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


def day_at(day: date, hour: int, minute: int, tz: Any) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _moment(rng: random.Random, now: datetime, days_ago: int, kind: str) -> datetime:
    """A plausible local time `days_ago` days before now: workdays, evenings for reflections."""
    day = now.date() - timedelta(days=days_ago)
    hour = rng.choice([17, 18, 19, 21]) if kind == "reflection" else rng.randint(8, 17)
    when = day_at(day, hour, rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50]), now.tzinfo)
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


class Deck:
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


def demo_entry(
    rng: random.Random, deck: Deck, now: datetime, skills_from: dict[str, int]
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

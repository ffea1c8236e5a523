"""The whole journal out: every entry with its fields, plus goals, skills and reviews.

JSON is one document, the records exactly as stored (ids and links by id), with the id
counters, so `journal import json` rebuilds the same journal in an empty one
(`journal.importers.json_doc`). Markdown and plain text are for reading: goals and skills
first, then the entries oldest first with their feedback fields, links and body.
Titles and fields are escaped for Markdown; a body is the user's own Markdown, kept as
written with control characters made visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from journal.periods import Period
from journal.records import Entry, Goal, Review, Skill, StoredRecord, entry_order
from journal.textsafe import plural, safe_json, visible, visible_line

FORMAT_NAME = "coaching-journal"
FORMAT_VERSION = 1


@dataclass
class JournalDump:
    """What an export holds: the records, as stored, and the id counters."""

    entries: list[Entry]
    goals: list[Goal]
    skills: list[Skill]
    reviews: list[Review]
    counters: dict[str, int]
    exported: str
    period: Period | None = None
    forms: list[StoredRecord] = field(default_factory=list)  # `journal form import`ed, by name

    @property
    def codes(self) -> dict[str, str]:
        return {r["id"]: r.get("code", r["id"]) for r in (*self.goals, *self.skills)}


_Record = TypeVar("_Record", Entry, Goal, Skill, Review)


def by_number(records: Iterable[_Record]) -> list[_Record]:
    return sorted(records, key=lambda r: int(str(r["id"])[1:]))


def dump_store(store: Any, period: Period | None = None) -> JournalDump:
    """Everything in the journal (entries of `period` only, when given), oldest first."""
    entries: Iterable[Entry] = store.raw_entries()
    if period is not None:
        start, end = period.start.isoformat(), period.end.isoformat()
        entries = (e for e in entries if start <= e["when"][:10] <= end)
    return JournalDump(
        entries=sorted(entries, key=lambda e: (entry_order(e), int(e["id"][1:]))),
        goals=by_number(store.goals.all()),
        skills=by_number(store.skills.all()),
        reviews=by_number(store.reviews.all()),
        counters=dict(store.meta().get("next") or {}),
        exported=store.now_iso(),
        period=period,
        forms=sorted(store.forms.all(), key=lambda f: str(f.get("name", ""))),
    )


def render(dump: JournalDump, fmt: str) -> bytes:
    if fmt == "json":
        return to_json(dump)
    text = to_markdown(dump) if fmt == "md" else to_text(dump)
    return text.encode("utf-8")


# -- JSON ----------------------------------------------------------------------------


def to_json(dump: JournalDump) -> bytes:
    period = dump.period
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": dump.exported,
        "period": None
        if period is None
        else {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period.label,
        },
        "next": dump.counters,
        "goals": dump.goals,
        "skills": dump.skills,
        "reviews": dump.reviews,
        "forms": dump.forms,
        "entries": dump.entries,
    }
    return safe_json(doc) + b"\n"  # DEL and C1 escaped, like every JSON we print


# -- reading formats -----------------------------------------------------------------


def _day(when: str) -> str:
    return when[:16].replace("T", " ")


def _progress(dump: JournalDump) -> dict[str, str]:
    """Each measurable goal's 'baseline → latest → target (percent, status)' as of the
    export (from the check-ins the export holds)."""
    from datetime import date

    from journal.progress import checkins_by_goal, measurable, progress, summary

    found = checkins_by_goal(dump.entries)
    now = date.fromisoformat(dump.exported[:10])
    if dump.period is not None:
        now = min(now, dump.period.end)
    return {
        g["id"]: summary(progress(g, found.get(g["id"], []), now))
        for g in dump.goals
        if measurable(g)
    }


def _goal_facts(goal: Goal, codes: dict[str, str], shown: str | None = None) -> list[str]:
    facts = [goal.get("scope", "company")]
    if parent := goal.get("parent"):
        facts.append(f"under {codes.get(parent, parent)}")
    if goal.get("supports"):
        facts.append("supports " + ", ".join(codes.get(s, s) for s in goal["supports"]))
    for name in ("measure", "target"):
        if goal.get(name):
            facts.append(f"{name}: {goal[name]}")
    if goal.get("due"):
        facts.append(f"due {goal['due']}")
    if goal.get("status", "active") != "active":
        facts.append(goal["status"])
    if shown:
        facts.append(f"progress: {shown}")
    return facts


def _skill_facts(skill: Skill) -> list[str]:
    facts = [f"level {skill.get('level') or '?'} -> {skill.get('target_level') or '?'}"]
    if skill.get("plan"):
        facts.append(f"plan: {skill['plan']}")
    if skill.get("status", "active") != "active":
        facts.append(skill["status"])
    return facts


def _entry_facts(entry: Entry, codes: dict[str, str]) -> list[str]:
    facts = []
    if entry.get("source") or entry.get("sentiment"):
        who = f"from {entry['source']}" if entry.get("source") else "feedback"
        facts.append(f"{who} ({entry['sentiment']})" if entry.get("sentiment") else who)
    if entry["goals"]:
        facts.append("goals: " + ", ".join(codes.get(g, g) for g in entry["goals"]))
    if entry["skills"]:
        facts.append("skills: " + ", ".join(codes.get(s, s) for s in entry["skills"]))
    if entry["tags"]:
        facts.append("tags: " + ", ".join(entry["tags"]))
    if entry.get("starred"):
        facts.append("starred")
    if entry["kind"] == "checkin":
        facts.append(f"value {entry.get('value')}")
        if entry.get("confidence"):
            facts.append(f"{entry['confidence']} confidence")
    facts.append(entry["id"])
    return facts


def _summary(dump: JournalDump) -> str:
    counts = (
        f"{plural(len(dump.entries), 'entry')}, {plural(len(dump.goals), 'goal')}, "
        f"{plural(len(dump.skills), 'skill')}"
    )
    span = f" ({dump.period.label})" if dump.period else ""
    return f"Exported {_day(dump.exported)}: {counts}{span}."


def to_markdown(dump: JournalDump) -> str:
    from journal.export.assessment import md_escape

    codes = dump.codes
    out = ["# Journal", "", md_escape(_summary(dump)), ""]
    shown = _progress(dump)
    if dump.goals:
        out += ["## Goals", ""]
        out += [
            f"- **{md_escape(g['code'])}**: {md_escape(g['title'])} "
            f"({md_escape('; '.join(_goal_facts(g, codes, shown.get(g['id']))))})"
            for g in dump.goals
        ]
        out.append("")
    if dump.skills:
        out += ["## Skills", ""]
        out += [
            f"- **{md_escape(s['code'])}**: {md_escape(s['name'])} "
            f"({md_escape('; '.join(_skill_facts(s)))})"
            for s in dump.skills
        ]
        out.append("")
    out += ["## Entries", ""]
    for entry in dump.entries:
        out += [
            f"### {_day(entry['when'])} · {entry['kind']} · {md_escape(entry['title'])}",
            "",
            f"*{md_escape(' · '.join(_entry_facts(entry, codes)))}*",
            "",
        ]
        if entry["body"].strip():
            out += [visible(entry["body"]).strip("\n"), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_text(dump: JournalDump) -> str:
    codes = dump.codes
    out = ["JOURNAL", "=======", visible_line(_summary(dump)), ""]
    shown = _progress(dump)
    if dump.goals:
        out += ["Goals", "-----"]
        out += [
            visible_line(
                f"{g['code']}: {g['title']} "
                f"({'; '.join(_goal_facts(g, codes, shown.get(g['id'])))})"
            )
            for g in dump.goals
        ]
        out.append("")
    if dump.skills:
        out += ["Skills", "------"]
        out += [
            visible_line(f"{s['code']}: {s['name']} ({'; '.join(_skill_facts(s))})")
            for s in dump.skills
        ]
        out.append("")
    out += ["Entries", "-------"]
    for entry in dump.entries:
        out.append(visible_line(f"{_day(entry['when'])}  {entry['kind']}  {entry['title']}"))
        out.append("  " + visible_line("; ".join(_entry_facts(entry, codes))))
        out += ["  " + line.rstrip() for line in visible(entry["body"]).strip("\n").splitlines()]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"

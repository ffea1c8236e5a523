"""The outline every human-readable export shares, as a few small block types.

Building the outline once and rendering it to Markdown or plain text keeps the formats
saying the same thing in the same order. Every string in a block is text to show as is:
the renderers escape it (Markdown) or make control characters visible (all formats),
so user text can never become structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal.goals import STALE_DAYS
from journal.measure import with_unit
from journal.progress import measurable
from journal.progress import summary as progress_summary
from journal.records import Entry, Goal
from journal.review.assessment import Assessment, Evidence, GoalReport, SkillReport
from journal.review.feedback import SourceCount
from journal.textsafe import plural
from journal.timestamps import human_date


@dataclass(frozen=True)
class Strong:
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Em:
    parts: tuple[Inline, ...]


Inline = str | Strong | Em


@dataclass(frozen=True)
class Heading:
    level: int
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Para:
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class UserText:
    """A multi-line text the user wrote (summary, narrative): paragraphs and lists kept."""

    text: str


Block = Heading | Para | Bullets | UserText

_PLURAL = {
    "feedback": "feedback",
    "reflection": "reflections",
    "win": "wins",
    "note": "notes",
    "checkin": "check-ins",
}
_SINGULAR = {"checkin": "check-in"}


def _day(when: str) -> str:
    return human_date(date.fromisoformat(when[:10]))


def kinds_text(counts: dict[str, int]) -> str:
    """'3 wins, 1 reflection': counts by kind in words."""
    return ", ".join(
        plural(n, _SINGULAR.get(kind, kind), _PLURAL.get(kind)) for kind, n in counts.items()
    )


def _tone(c: SourceCount) -> str:
    parts = [
        f"{n} {name}"
        for name, n in (("praise", c.praise), ("constructive", c.constructive), ("mixed", c.mixed))
        if n
    ]
    return ", ".join(parts)


def _entry_item(
    entry: Entry, via: tuple[str, ...] = (), titles: dict[str, str] | None = None
) -> tuple[Inline, ...]:
    """'★ 4 Mar 2026 — Closed the Acme renewal (win; via Influence across teams)'."""
    star = "\u2605 " if entry.get("starred") else ""
    notes = [entry["kind"]]
    if entry["kind"] == "feedback":
        who = entry.get("source")
        tone = entry.get("sentiment")
        said = "praise" if tone == "praise" else " ".join(x for x in (tone, "feedback") if x)
        notes = [said + (f" from {who}" if who else "")]
    if via and titles:
        notes.append("via " + ", ".join(titles.get(g, g) for g in via))
    note = Em((f"({'; '.join(notes)})",))
    day = f"{star}{_day(entry['when'])} \u2014 "
    if entry.get("impact"):  # a win's impact leads: it is what a reader looks for first
        return (day, Strong((str(entry["impact"]),)), ": ", entry["title"], " ", note)
    return (day, entry["title"], " ", note)


def _evidence_list(found: list[Evidence], limit: int | None, titles: dict[str, str]) -> list[Block]:
    shown = found if limit is None or limit <= 0 else found[:limit]
    items = [_entry_item(ev.entry, ev.via, titles) for ev in shown]
    blocks: list[Block] = [Bullets(tuple(items))] if items else []
    if len(found) > len(shown):
        more = len(found) - len(shown)
        blocks.append(Para((Em((f"\u2026and {more} more (every item is in the JSON export).",)),)))
    return blocks


def _months_line(a: Assessment, rep: GoalReport) -> str | None:
    if not 2 <= len(a.months) <= 12:
        return None
    pairs = zip(a.months, rep.months, strict=True)
    names = [f"{human_date(date(y, m, 1)).split()[1]} {n}" for (y, m), n in pairs]
    return "By month: " + " \u00b7 ".join(names) + "."


def _facts(goal: Goal, extra: list[str] | None = None) -> Para | None:
    facts = list(extra or [])
    if goal.get("measure"):
        facts.append(f"Measure: {goal['measure']}")
    if goal.get("target"):
        facts.append(f"Target: {goal['target']}")
    if due := goal.get("due"):
        facts.append(f"Due {human_date(date.fromisoformat(due))}")
    if goal.get("status", "active") != "active":
        facts.append(f"Status: {goal['status']}")
    return Para((Em((" \u00b7 ".join(facts),)),)) if facts else None


def _goal_heading(rep: GoalReport, level: int) -> Heading:
    rating = (" \u2014 ", rep.rating) if rep.rating else ()
    return Heading(level, (rep.title, *rating))


def _evidence_summary(a: Assessment, rep: GoalReport) -> Para:
    evidence = rep.evidence
    if not evidence:
        return Para((Strong(("Evidence:",)), " none in this period."))
    latest = rep.latest
    text = f" {plural(len(evidence), 'entry', 'entries')} ({kinds_text(rep.counts)})"
    text += f", latest {human_date(latest)}." if latest else "."
    months = _months_line(a, rep)
    return Para((Strong(("Evidence:",)), text + (f" {months}" if months else "")))


def _goal_blocks(
    a: Assessment, rep: GoalReport, level: int, limit: int | None, titles: dict[str, str]
) -> list[Block]:
    blocks: list[Block] = [_goal_heading(rep, level)]
    extra = [f"Supports {', '.join(rep.supports)}"] if rep.supports else []
    if (facts := _facts(rep.goal, extra)) is not None:
        blocks.append(facts)
    if rep.narrative.strip():
        blocks.append(UserText(rep.narrative))
    blocks += _progress_blocks(rep)
    blocks.append(_evidence_summary(a, rep))
    if rep.depth == 0:
        blocks += _evidence_list(rep.evidence, limit, titles)
    else:
        blocks.append(Para((Em(("These entries are listed under the goal above.",)),)))
    for child in rep.children:
        blocks += _goal_blocks(a, child, min(level + 1, 6), limit, titles)
    return blocks


def _progress_blocks(rep: GoalReport) -> list[Block]:
    """'Progress: 420 ms → 360 ms → 300 ms (50%, on track)' and the period's check-ins."""
    p = rep.progress
    if p is None or not (measurable(rep.goal) or rep.goal.get("status") == "done"):
        return []
    blocks: list[Block] = [Para((Strong(("Progress:",)), f" {progress_summary(p)}."))]
    if rep.checkins:
        unit = p.unit
        items = tuple(
            (
                f"{_day(c['when'])} \u2014 {with_unit(c.get('value'), unit)}",
                *((" (", c["confidence"], " confidence)") if c.get("confidence") else ()),
                *((": ", c["body"].strip()) if (c.get("body") or "").strip() else ()),
            )
            for c in rep.checkins
        )
        blocks += [Para((Strong(("Check-ins in the period:",)),)), Bullets(items)]
    return blocks


def _achievements(a: Assessment) -> list[Block]:
    """Goals done in the period: achievements in themselves, linked entries or not."""
    if not a.achievements:
        return []
    items = tuple(
        (
            Strong((g.title,)),
            " \u2014 done"
            + (f" {_day(str(g.goal['done_on']))}" if g.goal.get("done_on") else "")
            + (
                f" ({progress_summary(g.progress)})"
                if g.progress and g.progress.target is not None
                else ""
            )
            + ".",
        )
        for g in a.achievements
    )
    return [Heading(2, ("Achievements",)), Bullets(items)]


def _summary(a: Assessment) -> list[Block]:
    blocks: list[Block] = [Heading(2, ("Summary",))]
    if a.summary.strip():
        blocks.append(UserText(a.summary))
    r = a.readiness
    fb = a.feedback.counts
    goals = (
        f"evidence for {r.with_evidence} of {plural(r.goals, 'company goal')}"
        if r.goals
        else "no company goals yet"
    )
    glance = (
        f"At a glance: {goals}; "
        f"{plural(a.entry_count, 'journal entry', 'journal entries')} in the period; "
        f"{plural(fb.total, 'piece', 'pieces')} of feedback received"
    )
    glance += f" ({_tone(fb)})." if _tone(fb) else "."
    blocks.append(Para((Em((glance,)),)))
    return blocks


def _gaps(a: Assessment) -> list[Block]:
    items: list[tuple[Inline, ...]] = [
        (Strong((g.title,)), " \u2014 no evidence in this period.") for g in a.gaps
    ]
    for g in a.stale:
        latest = human_date(g.latest) if g.latest else "?"
        items.append(
            (
                Strong((g.title,)),
                f" \u2014 latest evidence {latest}, more than "
                f"{STALE_DAYS} days before {human_date(a.as_of)}.",
            )
        )
    for g in a.overdue:
        due = human_date(date.fromisoformat(str(g.goal["due"])))
        items.append((Strong((g.title,)), f" \u2014 overdue: due {due}, still active."))
    for g in a.at_risk:
        p = g.progress
        assert p is not None  # at_risk holds only goals with progress
        expected = f", {p.expected:.0f}% expected by now" if p.expected is not None else ""
        items.append((Strong((g.title,)), f" \u2014 at risk: {progress_summary(p)}{expected}."))
    blocks: list[Block] = [Heading(2, ("Gaps and stale goals",))]
    if items:
        return blocks + [Bullets(tuple(items))]
    if not a.goals:
        return blocks + [Para(("There are no company goals yet: add them to see gaps.",))]
    return blocks + [Para(("Every company goal has recent evidence.",))]


def _feedback(a: Assessment, limit: int | None) -> list[Block]:
    fb = a.feedback
    blocks: list[Block] = [Heading(2, ("Feedback received",))]
    if not fb.counts.total:
        return blocks + [Para(("No feedback recorded in this period.",))]
    tone = _tone(fb.counts)
    blocks.append(
        Para(
            (
                f"{plural(fb.counts.total, 'piece', 'pieces')} of feedback"
                + (f": {tone}." if tone else "."),
            )
        )
    )
    blocks.append(Para((Strong(("By source",)),)))
    blocks.append(
        Bullets(
            tuple(
                (name, f": {c.total}" + (f" ({_tone(c)})" if _tone(c) else ""))
                for name, c in fb.by_source.items()
            )
        )
    )
    themes = [(tag, c) for tag, c in fb.themes.items() if c.total >= 2][:8]
    if themes:
        blocks.append(Para((Strong(("Themes",)),)))
        blocks.append(
            Bullets(
                tuple(
                    (tag, f": {c.total}" + (f" ({_tone(c)})" if _tone(c) else ""))
                    for tag, c in themes
                )
            )
        )
    if fb.without_skill:
        blocks.append(Para((Strong(("Constructive feedback not yet turned into a skill",)),)))
        shown = fb.without_skill if not limit or limit <= 0 else fb.without_skill[:limit]
        blocks.append(Bullets(tuple(_entry_item(e) for e in shown)))
    return blocks


def _skill(rep: SkillReport, limit: int | None) -> list[Block]:
    s = rep.skill
    blocks: list[Block] = [Heading(3, (s["name"],))]
    facts = []
    if s.get("level") or s.get("target_level"):
        facts.append(f"Level {s.get('level') or '?'} \u2192 target {s.get('target_level') or '?'}")
    if s.get("status", "active") != "active":
        facts.append(f"Status: {s['status']}")
    if facts:
        blocks.append(Para((Em((" \u00b7 ".join(facts),)),)))
    if s.get("plan"):
        blocks.append(Para((Strong(("Plan:",)), " ", s["plan"])))
    if rep.origins:
        blocks.append(Para((Strong(("Started from:",)),)))
        blocks.append(Bullets(tuple(_entry_item(e) for e in rep.origins)))
    if rep.narrative.strip():
        blocks.append(UserText(rep.narrative))
    if rep.practice:
        blocks.append(
            Para(
                (
                    Strong(("Practice this period:",)),
                    f" {plural(len(rep.practice), 'entry', 'entries')}.",
                )
            )
        )
        blocks += _evidence_list([Evidence(e) for e in rep.practice], limit, {})
    else:
        blocks.append(Para((Strong(("Practice this period:",)), " none recorded yet.")))
    return blocks


def outline(a: Assessment, limit: int | None = 15) -> list[Block]:
    """The self-assessment in reading order, as blocks for the Markdown and text renderers."""
    period = f"{human_date(a.period.start)} \u2013 {human_date(a.period.end)}"
    status = "Final" if a.status == "final" else "Draft"
    if a.period.label == "all":
        period = f"everything, up to {human_date(a.as_of)}"
    elif a.as_of < a.period.end:
        period += f" (as of {human_date(a.as_of)})"
    blocks: list[Block] = [
        Heading(1, (a.title,)),
        Para((Strong(("Period:",)), f" {period} \u00b7 {status}")),
    ]
    blocks += _summary(a)
    titles = {r.id: r.title for r in a.all_goals()}
    for rep in a.goals:
        blocks += _goal_blocks(a, rep, 2, limit, titles)
    blocks += _achievements(a)
    blocks += _gaps(a)
    blocks += _feedback(a, limit)
    if a.personal:
        blocks.append(Heading(2, ("Personal goals",)))
        for rep in a.personal:
            blocks += _goal_blocks(a, rep, 3, limit, titles)
    if a.skills or a.next_steps.strip():
        blocks.append(Heading(2, ("Development plan",)))
        for skill in a.skills:
            blocks += _skill(skill, limit)
        if a.next_steps.strip():
            blocks += [Heading(3, ("Next period",)), UserText(a.next_steps)]
    return blocks

"""Next cycle's proposal: the document an employee brings to goal setting.

Per active company goal: its SMART marks, its agreement, its plan steps with the
personal goals woven in and why (the feedback themes and entries behind them), and the
support asked of the manager; then development goals not yet woven into any company
goal, flagged; then skills and their plans. Built once as the exports' shared outline
(`journal.export_outline` blocks), so Markdown, plain text, HTML and the app's Plan
screen say the same thing. Pure: the journal's records and `today` in, text out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from journal.export.outline import Block, Bullets, Em, Heading, Inline, Para, Strong
from journal.goals import goal_tree, unique
from journal.periods import Period
from journal.planning.describe import agreement_line
from journal.planning.smart import marks, smart_check
from journal.records import Entry, Goal, Skill, Step
from journal.timestamps import human_date

FORMATS = ("md", "html", "txt")


_GoalOrSkill = TypeVar("_GoalOrSkill", Goal, Skill)


def _active(records: Iterable[_GoalOrSkill]) -> list[_GoalOrSkill]:
    return [r for r in records if r.get("status", "active") == "active"]


def _why(goal_or_skill: Goal | Skill, entries: dict[str, Entry]) -> tuple[Inline, ...]:
    """Why a goal or skill exists: the themes and entries of the feedback behind it."""
    found = [entries[e] for e in goal_or_skill.get("why") or [] if e in entries]
    if not found:
        return ()
    parts: list[Inline] = [" - why: "]
    themes = sorted({t for e in found for t in e.get("tags", [])})
    if themes:
        parts.append(f"themes {', '.join(themes)}; ")
    for n, entry in enumerate(found):
        source = f" from {entry['source']}" if entry.get("source") else ""
        parts += [
            ("; " if n else "") + f"feedback of {entry['when'][:10]}{source}: ",
            Em((entry["title"],)),
        ]
    return tuple(parts)


def _smart_para(goal: Goal, goals: list[Goal], today: date) -> Para:
    checks = smart_check(goal, goals, today)
    missing = "; ".join(f"{c.name}: {c.missing}" for c in checks if not c.ok)
    parts: tuple[Inline, ...] = ("SMART: ", Strong((marks(checks),)))
    return Para(parts + ((" (missing: ", missing, ")") if missing else ()))


def _facts(goal: Goal, cycle: Period) -> Para:
    facts = []
    if goal.get("measure") or goal.get("target"):
        facts.append(f"measure: {goal.get('measure') or '?'}, target: {goal.get('target') or '?'}")
    if when := goal.get("due"):
        due = f"due {when}"
        if when < cycle.start.isoformat():
            due += f", before {cycle.label} starts: propose a date in the cycle"
        facts.append(due)
    facts.append(agreement_line(goal))
    return Para(("; ".join(facts),))


def _step_item(n: int, step: Step, by_id: dict[str, Goal | Skill]) -> tuple[Inline, ...]:
    state = [f"due {step['due']}"] if step.get("due") else []
    state.append(f"done {step['done_on']}" if step.get("done_on") else "open")
    parts: list[Inline] = [f"Step {n}: ", step["text"], f" ({', '.join(state)})"]
    served = by_id.get(step.get("for") or "")
    if served is not None:
        parts += [" - for ", Strong((str(served.get("title") or served.get("name") or ""),))]
    return tuple(parts)


def _company_section(
    goal: Goal,
    goals: list[Goal],
    by_id: dict[str, Goal | Skill],
    entries: dict[str, Entry],
    cycle: Period,
    today: date,
) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, (goal["title"], f" ({goal['code']})")),
        _smart_para(goal, goals, today),
        _facts(goal, cycle),
    ]
    steps = goal.get("steps") or []
    if steps:
        blocks += [
            Heading(3, ("Plan",)),
            Bullets(tuple(_step_item(n, s, by_id) for n, s in enumerate(steps, 1))),
        ]
    else:
        blocks.append(Para((Em(("No plan steps yet.",)),)))
    woven_ids = [serves for s in steps if (serves := s.get("for")) in by_id]
    woven_ids += [g["id"] for g in _active(goals) if goal["id"] in g.get("supports", [])]
    woven = [by_id[i] for i in dict.fromkeys(woven_ids)]
    if woven:
        blocks += [
            Heading(3, ("Personal goals and skills woven in",)),
            Bullets(
                tuple(
                    (
                        Strong((str(item.get("title") or item.get("name") or ""),)),
                        f" ({item['code']})",
                        *_why(item, entries),
                    )
                    for item in woven
                )
            ),
        ]
    asks = [
        (g, agreement["support"])
        for g in [goal, *woven]
        if isinstance(agreement := g.get("agreement"), dict) and agreement.get("support")
    ]
    if asks:
        blocks += [
            Heading(3, ("Support asked of the manager",)),
            Bullets(tuple((f"{g['code']}: ", text) for g, text in asks)),
        ]
    return blocks


def proposal_blocks(
    goals: list[Goal], skills: list[Skill], entries: Iterable[Entry], cycle: Period, today: date
) -> list[Block]:
    """The proposal for `cycle` as outline blocks (see the module)."""
    by_id: dict[str, Goal | Skill] = {g["id"]: g for g in goals}
    by_id.update({s["id"]: s for s in skills})
    feedback = {e["id"]: e for e in entries}
    blocks: list[Block] = [
        Heading(1, (f"Goal-setting proposal: {cycle.label}",)),
        Para(
            (
                f"{human_date(cycle.start)} to {human_date(cycle.end)}; prepared "
                f"{human_date(today)}.",
            )
        ),
    ]
    company = [g for _, g in unique(goal_tree(_active(goals))) if g.get("scope") == "company"]
    if not company:
        blocks.append(Para((Em(("No active company goals yet.",)),)))
    for goal in company:
        blocks += _company_section(goal, goals, by_id, feedback, cycle, today)
    stepped = {s.get("for") for g in goals for s in g.get("steps") or []}
    loose = [g for g in _active(goals) if g.get("scope") == "personal" and g["id"] not in stepped]
    blocks.append(Heading(2, ("Development goals not yet woven in",)))
    if not loose:
        blocks.append(Para(("Every development goal is pursued through a company goal's plan.",)))
    items: list[tuple[Inline, ...]] = []
    for goal in sorted(loose, key=lambda g: g["code"]):
        served = [by_id[s]["code"] for s in goal.get("supports", []) if s in by_id]
        flag = (
            f"supports {', '.join(served)} but is in no plan step yet"
            if served
            else "not woven into any company goal"
        )
        items.append(
            (
                Strong((goal["title"],)),
                f" ({goal['code']}): ",
                Strong((flag,)),
                f"; SMART {marks(smart_check(goal, goals, today))}; {agreement_line(goal)}",
                *_why(goal, feedback),
            )
        )
    if items:
        blocks.append(Bullets(tuple(items)))
    blocks.append(Heading(2, ("Skills and their plans",)))
    active_skills = sorted(_active(skills), key=lambda s: s["code"])
    if not active_skills:
        blocks.append(Para((Em(("No skills to develop yet.",)),)))
    skill_items: list[tuple[Inline, ...]] = []
    for skill in active_skills:
        level = f"level {skill.get('level') or '?'} to {skill.get('target_level') or '?'}"
        parts: list[Inline] = [Strong((skill["name"],)), f" ({skill['code']}): {level}"]
        if skill.get("plan"):
            parts += ["; plan: ", skill["plan"]]
        parts += [
            f"; through {g['code']} step {n}: {s['text']}"
            for g in goals
            for n, s in enumerate(g.get("steps") or [], 1)
            if s.get("for") == skill["id"]
        ]
        skill_items.append((*parts, *_why(skill, feedback)))
    if skill_items:
        blocks.append(Bullets(tuple(skill_items)))
    return blocks


def render_proposal(blocks: list[Block], fmt: str, today: date) -> str:
    """The proposal as Markdown, plain text or one self-contained HTML page."""
    import html

    from journal.export.assessment import to_markdown, to_text

    if fmt == "txt":
        return to_text(blocks)
    markdown = to_markdown(blocks)
    if fmt == "md":
        return markdown
    from journal.export.html import CSS, PAGE, markdown_to_html

    title = blocks[0].parts[0] if isinstance(blocks[0], Heading) else "Proposal"
    return PAGE.format(
        title=html.escape(str(title), quote=True),
        css=CSS,
        body=markdown_to_html(markdown),
        day=human_date(today),
    )

"""A goal's plan and agreement in words and as JSON, the same for every view of a goal
(`journal goal list --json`, `journal goal show`, the Goals screen)."""

from __future__ import annotations

from collections.abc import Iterable

from journal.records import Goal, Skill, Step, StoredRecord


def names_by_id(goals: Iterable[Goal], skills: Iterable[Skill]) -> dict[str, str]:
    """Goal and skill ids to their codes."""
    found = {g["id"]: str(g["code"]) for g in goals}
    found.update({s["id"]: str(s["code"]) for s in skills})
    return found


def steps_json(goal: Goal, codes: dict[str, str]) -> list[StoredRecord]:
    """A goal's steps as JSON: numbered from 1, `for` by code."""
    return [
        {
            "n": n,
            "text": step["text"],
            "due": step.get("due"),
            "done_on": step.get("done_on"),
            "for": codes.get(serves, serves) if (serves := step.get("for")) else None,
        }
        for n, step in enumerate(goal.get("steps") or [], 1)
    ]


def agreement_line(goal: Goal) -> str:
    """'agreed with Dana on 2026-01-15; support: coaching' or 'not agreed yet'."""
    agreement = goal.get("agreement")
    if not agreement:
        return "not agreed yet"
    line = f"agreed with {agreement['with']}"
    line += f" on {agreement['when']}" if agreement.get("when") else ""
    support = agreement.get("support")
    return line + (f"; support: {support}" if support else "; no support recorded")


def step_line(n: int, step: Step, codes: dict[str, str]) -> str:
    """'2. [x] Run the pricing workshop (due 2026-05-01, for influencing)'."""
    mark = "x" if step.get("done_on") else " "
    extra = []
    if step.get("due"):
        extra.append(f"due {step['due']}")
    if step.get("done_on"):
        extra.append(f"done {step['done_on']}")
    if serves := step.get("for"):
        extra.append(f"for {codes.get(serves, serves)}")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{n}. [{mark}] {step['text']}{tail}"


def plan_lines(goal: Goal, goals: Iterable[Goal], skills: Iterable[Skill]) -> list[str]:
    """The goal's agreement, its numbered steps, and the company-goal steps it is woven
    into (for a personal goal or skill), as plain lines."""
    goals = list(goals)
    codes = names_by_id(goals, skills)
    lines = [f"Agreement: {agreement_line(goal)}"]
    steps = goal.get("steps") or []
    lines.append("Plan:" if steps else "Plan: no steps yet (journal goal step add)")
    lines += [f"  {step_line(n, s, codes)}" for n, s in enumerate(steps, 1)]
    woven = [
        (other, n, step)
        for other in goals
        for n, step in enumerate(other.get("steps") or [], 1)
        if step.get("for") == goal["id"]
    ]
    if woven:
        lines.append("Pursued through:")
        lines += [f"  {other['code']} step {n}: {step['text']}" for other, n, step in woven]
    return lines

"""A review's answers to its form: one per question, or per goal/skill for linked ones.

Stored in the review record (see `journal.reviews`):

    "form": {...a copy of the form, see journal.review.forms...},
    "answers": {"1": {"text": "...", "used": ["e4"]}, "2/g3": {...}, "3/s1": {...}}

The key is the question's number, plus "/goal id" or "/skill id" for a question asked
once per goal or per skill. A rating question has no stored answer: its answer is the
goal's rating in the review. Limits count the plain text that will be pasted (see
`plain_text`), in characters as a person sees them or in words (`journal.review.counting`).
Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from journal.errors import ValidationError
from journal.records import Entry, Goal, Review, Skill, entry_order
from journal.review.counting import count
from journal.review.forms import ALL_GOALS, ALL_SKILLS, Form, Limit, Question, form_from_record
from journal.review.saved import goal_part
from journal.textsafe import pasteable


@dataclass(frozen=True)
class Slot:
    """One answer the form asks for: question `number` (1-based), maybe for one goal or skill."""

    number: int
    question: Question
    goal: Goal | None = None
    skill: Skill | None = None

    @property
    def key(self) -> str:
        target = self.goal or self.skill
        return f"{self.number}/{target['id']}" if target else str(self.number)

    @property
    def label(self) -> str:
        """The question as shown: its text, and which goal or skill this answer is for."""
        target = self.goal or self.skill
        if target is None:
            return self.question.text
        name = target.get("title") or target.get("name") or target["id"]
        return f"{self.question.text} \u2014 {name} ({target.get('code', target['id'])})"


@dataclass(frozen=True)
class Measure:
    """An answer's length against its question's limit."""

    count: int
    limit: Limit | None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.count > self.limit.count

    def describe(self) -> str:
        if self.limit is None:
            return f"{self.count:,} characters"
        text = f"{self.count:,} of {self.limit.describe()}"
        return f"{text}: {self.count - self.limit.count:,} over" if self.over else text


def review_form(review: Review) -> Form | None:
    """The form a review uses (its own copy), or None."""
    raw = review.get("form")
    return form_from_record(raw) if isinstance(raw, dict) else None


def slots(form: Form, goals: list[Goal], skills: list[Skill]) -> list[Slot]:
    """Every answer the form asks for, in order; `goals` and `skills` are the ones the
    review covers (in the order the review shows them), for per-goal and per-skill questions."""
    goal_by_id = {g["id"]: g for g in goals}
    skill_by_id = {s["id"]: s for s in skills}
    out: list[Slot] = []
    for number, question in enumerate(form.questions, start=1):
        link = question.link
        if link == ALL_GOALS:
            out += [Slot(number, question, goal=g) for g in goals]
        elif link == ALL_SKILLS:
            out += [Slot(number, question, skill=s) for s in skills]
        elif isinstance(link, dict) and "goal" in link:
            goal = goal_by_id.get(link["goal"]) or {"id": link["goal"], "title": link["goal"]}
            out.append(Slot(number, question, goal=goal))
        elif isinstance(link, dict) and "skill" in link:
            skill = skill_by_id.get(link["skill"]) or {"id": link["skill"], "name": link["skill"]}
            out.append(Slot(number, question, skill=skill))
        else:
            out.append(Slot(number, question))
    return out


def find_slot(found: list[Slot], number: int, code: str | None = None) -> Slot:
    """The slot `--question N [--goal CODE|--skill CODE]` names; a clear error otherwise."""
    asked = [s for s in found if s.number == number]
    if not asked:
        numbers = sorted({s.number for s in found})
        raise ValidationError(
            f"the form has no question {number} (questions: "
            f"{', '.join(map(str, numbers)) or 'none'})"
        )
    if len(asked) == 1 and (code is None or _code(asked[0]) == code):
        return asked[0]
    for slot in asked:
        if code is not None and _code(slot) == code:
            return slot
    codes = ", ".join(c for s in asked if (c := _code(s)))
    if code is None:
        raise ValidationError(
            f"question {number} is asked once per goal or skill: say which "
            f"with --goal CODE or --skill CODE ({codes})"
        )
    raise ValidationError(f"question {number} has no answer for {code!r} (it has: {codes})")


def _code(slot: Slot) -> str | None:
    target = slot.goal or slot.skill
    return str(target.get("code", target["id"])) if target else None


def _answer(review: Review, key: str) -> dict[str, Any]:
    raw = (review.get("answers") or {}).get(key)
    return cast(dict[str, Any], raw) if isinstance(raw, dict) else {}


def answer_text(review: Review, slot: Slot) -> str:
    """What the review answers to a slot (a rating question: the goal's rating)."""
    if slot.question.rating:
        return str(goal_part(review, slot.goal["id"]).get("rating") or "") if slot.goal else ""
    return str(_answer(review, slot.key).get("text") or "")


def used_evidence(review: Review, slot: Slot) -> list[str]:
    return [str(e) for e in _answer(review, slot.key).get("used") or []]


def set_answer(review: Review, slot: Slot, text: str) -> None:
    """Write a slot's answer (rating questions are answered with `set_rating`)."""
    if slot.question.rating:
        raise ValidationError("this question is a rating: choose it on the review's scale")
    answers = review.setdefault("answers", {})
    answers[slot.key] = {**_answer(review, slot.key), "text": text}


def set_used(review: Review, slot: Slot, entry_id: str, used: bool) -> None:
    """Mark a piece of evidence as used in this answer (or not)."""
    current = [e for e in used_evidence(review, slot) if e != entry_id]
    answers = review.setdefault("answers", {})
    answers[slot.key] = {
        **_answer(review, slot.key),
        "used": current + [entry_id] if used else current,
    }


def measure(text: str, limit: Limit | None) -> Measure:
    """The length of what will be pasted (the plain text) in the limit's unit."""
    return Measure(count(plain_text(text), limit.unit if limit else "chars"), limit)


def citation(entry: Entry) -> str:
    """A dated one-line citation of a piece of evidence, for an answer."""
    title = " ".join(str(entry.get("title") or "").split())
    impact = " ".join(str(entry.get("impact") or "").split())
    line = f"{str(entry['when'])[:10]}: {title}"
    return f"{line} ({impact})" if impact else line


_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)\)")
_EMPHASIS = re.compile(
    r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])"
)
_CODE = re.compile(r"`([^`]*)`")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|(\d+[.)]))\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # Markdown's backslash escapes
_HIDE = 0xF0000  # plane 15 (private use): an escaped mark waits there, safe from the rules
_HIDDEN = re.compile("[\U000f0021-\U000f007e]")


def _inline(text: str) -> str:
    if "\\" in text:  # escaped marks are kept aside (as private-use characters) until the end
        text = _ESCAPE.sub(lambda m: chr(_HIDE + ord(m.group(1))), text)
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(
        lambda m: (
            m.group(1)
            if m.group(1) == m.group(2) or not m.group(2)
            else f"{m.group(1)} ({m.group(2)})"
        ),
        text,
    )
    for _ in range(3):  # nested emphasis (***a***) takes more than one pass
        text = _EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(4), text)
    return _HIDDEN.sub(lambda m: chr(ord(m.group(0)) - _HIDE), text)


def plain_text(text: str) -> str:
    """An answer as it should arrive in a web form: no Markdown marks (headings, emphasis,
    code ticks, link syntax: `[text](url)` becomes `text (url)`), list items one per line
    with a bullet, and no hard line breaks inside a paragraph (its lines are joined with
    spaces); paragraphs are separated by one blank line. Terminal control sequences
    pasted into the answer (colours, titles) are dropped: they are not text, and on the
    clipboard they would drive a terminal the answer is pasted into."""
    paragraphs: list[list[str]] = [[]]
    for raw in pasteable(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _QUOTE.sub("", raw).strip()
        if not line or re.fullmatch(r"([-*_])(\s*\1){2,}", line):
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if heading := _HEADING.match(line):
            paragraphs[-1:] = [p for p in (paragraphs[-1], [_inline(heading.group(1))]) if p]
            paragraphs.append([])
            continue
        if item := _ITEM.match(raw):
            mark = f"{item.group(1)} " if item.group(1) else "\u2022 "
            paragraphs[-1].append("\n" + mark + _inline(item.group(2).strip()))
            continue
        paragraphs[-1].append(_inline(line))
    blocks = []
    for lines in paragraphs:
        if lines:
            joined = ""
            for piece in lines:
                joined += piece if piece.startswith("\n") or not joined else " " + piece
            blocks.append(joined.lstrip("\n"))
    return "\n\n".join(blocks)


def previous_answer(previous: Review | None, slot: Slot) -> str:
    """The earlier cycle's answer to the same question (same text, same goal or skill),
    or "" when that review asked no such question or left it blank."""
    form = review_form(previous) if previous else None
    if previous is None or form is None:
        return ""
    wanted = " ".join(slot.question.text.split()).casefold()
    for number, question in enumerate(form.questions, start=1):
        if " ".join(question.text.split()).casefold() != wanted:
            continue
        same = Slot(number, question, slot.goal, slot.skill)
        if text := answer_text(previous, same):
            return text
    return ""


def evidence_for(slot: Slot, assessment: Any) -> list[Entry]:
    """The evidence to pick from for a slot: the goal's chosen evidence, the skill's
    practice, or for a question about no goal every piece of evidence in the period;
    newest first."""
    if slot.goal is not None:
        rep = next((g for g in assessment.all_goals() if g.id == slot.goal["id"]), None)
        return [ev.entry for ev in rep.evidence] if rep else []
    if slot.skill is not None:
        skill = next((s for s in assessment.skills if s.skill["id"] == slot.skill["id"]), None)
        return list(skill.practice) if skill else []
    seen: dict[str, Entry] = {}
    for rep in assessment.all_goals():
        for ev in rep.evidence:
            seen.setdefault(ev.id, ev.entry)
    for skill in assessment.skills:
        for entry in skill.practice:
            seen.setdefault(entry["id"], entry)
    return sorted(seen.values(), key=entry_order, reverse=True)

"""Question sets for the weekly review: the default one, GROW, or a Markdown file.

A Markdown question set is one question per bullet (`-`, `*`, `+` or `1.`); an indented
line under a bullet continues its question; headings, paragraphs and blank lines are
ignored, so a set can carry its own notes. A question that mentions "top three" is the
one whose answer becomes next week's list (`- [ ]` items carried forward when open).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from journal.errors import ValidationError

TOP_THREE = "My top three for next week"

DEFAULT = (
    "What went well, and what was its impact?",
    "What did I learn?",
    "Whom did I help?",
    "What was hard, and how did I handle it?",
    "What would I do differently?",
    "What do I need from my manager?",
    TOP_THREE,
)

GROW = (
    "Goal: what do I want from the coming weeks?",
    "Reality: where am I now, and what happened this week?",
    "Options: what could I do next?",
    "Will: what will I do, by when, and who will know?",
    TOP_THREE,
)

BUILT_IN = {"default": DEFAULT, "grow": GROW}

_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
MAX_QUESTION = 300


@dataclass(frozen=True)
class QuestionSet:
    name: str
    questions: tuple[str, ...]


def is_top_three(question: str) -> bool:
    return "top three" in question.casefold()


def parse_questions(text: str) -> tuple[str, ...]:
    """The bullets of a Markdown text, one question each (see the module docstring)."""
    questions: list[str] = []
    open_bullet = False
    for line in text.splitlines():
        stripped = line.strip()
        match = _BULLET.match(stripped) if line[:1] not in (" ", "\t") else None
        if match:
            questions.append(match.group(1).strip())
            open_bullet = True
        elif stripped and open_bullet and line[:1] in (" ", "\t"):
            questions[-1] = f"{questions[-1]} {stripped}".strip()
        else:
            open_bullet = False
    found = tuple(q for q in questions if q)
    if not found:
        raise ValidationError("no questions found: write one question per bullet ('- ...')")
    long = next((q for q in found if len(q) > MAX_QUESTION), None)
    if long:
        raise ValidationError(f"a question is over {MAX_QUESTION} characters: {long[:40]!r}...")
    return found


def load_question_set(choice: str) -> QuestionSet:
    """`default`, `grow`, or the path of a Markdown file of questions."""
    built_in = BUILT_IN.get(choice.strip().lower())
    if built_in is not None:
        return QuestionSet(choice.strip().lower(), built_in)
    path = Path(choice).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(
            f"no question set {choice!r}: use 'default', 'grow' or a Markdown file's path"
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationError(f"cannot read the question set {path}: {err}") from None
    try:
        return QuestionSet(path.stem, parse_questions(text))
    except ValidationError as err:
        raise ValidationError(f"{path}: {err}") from None

"""Review forms: the questions a company's review form asks, each with its limit and link.

A form is what the review tool will show: questions in order, each with an optional limit
("2000 chars", "300 words") and an optional link: one goal, one skill, every goal ("per
goal": one answer per goal), or every skill. A rating question takes the goal's rating
on the review's scale instead of text. Forms are plain dicts when stored (the journal's
`forms` table) and in a saved review's `form` field (a copy, so a later re-import never
changes a review already written):

    {"name": "mid-year", "title": "Mid-year review",
     "questions": [{"text": "What did you achieve?",
                    "limit": {"count": 2000, "unit": "chars"} | None,
                    "link": None | "all goals" | "all skills" | {"goal": "g1"} | {"skill": "s1"},
                    "rating": False}]}

`parse_form` reads the Markdown a person writes one (see `journal form import --help`).
Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from journal.errors import ValidationError
from journal.models import slugify
from journal.records import StoredRecord

ALL_GOALS = "all goals"
ALL_SKILLS = "all skills"
MAX_LIMIT = 1_000_000

_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_TRAILING = re.compile(r"\s*\(([^()]*)\)\s*$")
_LIMIT = re.compile(r"^limit\s*:?\s*(\d[\d,_ ]*)\s*([a-z]+)$")
_UNITS = {
    "chars": "chars",
    "char": "chars",
    "characters": "chars",
    "character": "chars",
    "words": "words",
    "word": "words",
}
OPTION_HELP = (
    "(limit: 2000 chars), (limit: 300 words), (per goal), (per skill), "
    "(goal: CODE), (skill: CODE), (rating)"
)


@dataclass(frozen=True)
class Limit:
    count: int
    unit: str  # "chars" or "words"

    def describe(self) -> str:
        word = "characters" if self.unit == "chars" else "words"
        return f"{self.count:,} {word}"


@dataclass(frozen=True)
class Question:
    """One question of a form; `link` as stored (see the module docstring)."""

    text: str
    limit: Limit | None = None
    link: str | dict[str, str] | None = None
    rating: bool = False

    @property
    def per_goal(self) -> bool:
        return self.link == ALL_GOALS

    @property
    def per_skill(self) -> bool:
        return self.link == ALL_SKILLS

    def to_record(self) -> StoredRecord:
        limit = {"count": self.limit.count, "unit": self.limit.unit} if self.limit else None
        link = dict(self.link) if isinstance(self.link, dict) else self.link
        return {"text": self.text, "limit": limit, "link": link, "rating": self.rating}


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    questions: tuple[Question, ...]
    builtin: bool = False

    def to_record(self) -> StoredRecord:
        return {
            "name": self.name,
            "title": self.title,
            "questions": [q.to_record() for q in self.questions],
        }


def form_from_record(record: Mapping[str, Any], builtin: bool = False) -> Form:
    """A stored form (or a review's copy of one) back as a Form; damage is a clear error."""
    try:
        if not isinstance(record["questions"], list):
            raise TypeError("its questions are not a list")
        questions = tuple(_question_from(q) for q in record["questions"])
        return Form(
            str(record["name"]), str(record.get("title") or record["name"]), questions, builtin
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ValidationError(
            f"the form {record.get('name')!r} is stored in a shape this version cannot read "
            f"({err}): import it again with `journal form import FILE --replace`"
        ) from None


def _question_from(raw: Any) -> Question:
    limit = raw.get("limit")
    link = raw.get("link")
    if not (
        link is None
        or link in (ALL_GOALS, ALL_SKILLS)
        or (isinstance(link, dict) and set(link) <= {"goal", "skill"} and len(link) == 1)
    ):
        raise ValueError(f"unknown link {link!r}")
    return Question(
        text=str(raw["text"]),
        limit=Limit(int(limit["count"]), str(limit["unit"])) if limit else None,
        link=link,
        rating=bool(raw.get("rating")),
    )


class FormFileError(ValidationError):
    """A form file with bad lines: every one is listed, with its line number."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        lines = "\n".join(f"  line {n}: {message}" for n, message in problems)
        super().__init__(
            f"{source} has {len(problems)} bad line"
            f"{'s' if len(problems) != 1 else ''}; nothing was saved:\n{lines}"
        )


@dataclass
class _Draft:
    line: int
    text: str


def parse_form(
    text: str,
    source: str = "the form file",
    name: str | None = None,
    goal_codes: dict[str, str] | None = None,
    skill_codes: dict[str, str] | None = None,
) -> Form:
    """Read a form written in Markdown: an optional `# Title`, then one question per
    bullet, options in parentheses at its end; an indented line continues the bullet.

    `goal_codes`/`skill_codes` map code -> id, to resolve `(goal: CODE)`. Every bad line
    is reported (FormFileError) and no form is returned.
    """
    problems: list[tuple[int, str]] = []
    title = ""
    drafts: list[_Draft] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            continue
        if heading := _HEADING.match(stripped):
            title = title or heading.group(1).strip()
            continue
        if bullet := _BULLET.match(stripped):
            drafts.append(_Draft(number, bullet.group(1).strip()))
            continue
        if line[:1].isspace() and drafts:
            drafts[-1].text += " " + stripped
            continue
        problems.append(
            (
                number,
                f"not a question: {_quote(stripped)}; start each question with '- ' (a bullet)",
            )
        )
    questions: list[Question] = []
    for draft in drafts:
        question = _question(draft, problems, goal_codes or {}, skill_codes or {})
        if question is not None:
            questions.append(question)
    if not drafts and not problems:
        problems.append(
            (
                1,
                "no questions: write one question per bullet ('- What did I "
                "achieve? (limit: 2000 chars)')",
            )
        )
    if problems:
        raise FormFileError(source, sorted(problems))
    title = title or (name or "Review form")
    form_name = name or slugify(title)
    return Form(form_name, title, tuple(questions))


def _quote(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "\u2026")


def _question(
    draft: _Draft,
    problems: list[tuple[int, str]],
    goal_codes: dict[str, str],
    skill_codes: dict[str, str],
) -> Question | None:
    text, options = draft.text, list[str]()
    while match := _TRAILING.search(text):
        parts = [p.strip().lower() for p in re.split(r";|,(?!\d{3}\b)", match.group(1))]
        if not all(_looks_like_option(p) for p in parts if p):
            break  # "(briefly)" at the end is part of the question
        options[:0] = [p for p in parts if p]
        text = text[: match.start()].rstrip()
    before = len(problems)
    limit: Limit | None = None
    link: str | dict[str, str] | None = None
    rating = False
    for option in options:
        if option == "rating":
            rating = True
        elif option.startswith("limit"):
            if limit is not None:
                problems.append((draft.line, "two limits: keep one"))
            limit = _limit(option, draft.line, problems) or limit
        elif option in ("per goal", "per skill", "goal", "skill") or ":" in option:
            new = _link(option, draft.line, problems, goal_codes, skill_codes)
            if new is not None and link is not None:
                problems.append(
                    (
                        draft.line,
                        "two links: a question is per goal, per skill, "
                        "for one goal or for one skill",
                    )
                )
            link = new if link is None else link
        else:
            problems.append((draft.line, f"unknown option {option!r}: use {OPTION_HELP}"))
    if rating and limit is not None:
        problems.append((draft.line, "a rating question takes a rating, not text: drop its limit"))
    if rating and (link == ALL_SKILLS or (isinstance(link, dict) and "skill" in link)):
        problems.append((draft.line, "a rating is per goal: use (per goal) or (goal: CODE)"))
    if rating and link is None:
        link = ALL_GOALS
    if not text:
        problems.append((draft.line, "the bullet has no question text"))
    if len(problems) > before:
        return None
    return Question(text, limit, link, rating)


def _looks_like_option(part: str) -> bool:
    """Is this (part of a) trailing parenthesis meant as an option? A misspelt one
    ("limti: 3 words", "per gaol") must be reported, while "(briefly)" is question text."""
    return (
        part == "rating"
        or part.startswith(("limit", "per "))
        or ":" in part
        or re.search(r"\d\s*(chars?|characters?|words?)\b", part) is not None
    )


def _limit(option: str, line: int, problems: list[tuple[int, str]]) -> Limit | None:
    match = _LIMIT.match(option)
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None:
        problems.append(
            (
                line,
                f"cannot read the limit {option!r}: write (limit: 2000 chars) "
                "or (limit: 300 words)",
            )
        )
        return None
    count = int(re.sub(r"[,_ ]", "", match.group(1)))
    if not 0 < count <= MAX_LIMIT:
        problems.append((line, f"the limit {count} is out of range (1 to {MAX_LIMIT:,})"))
        return None
    return Limit(count, unit)


def _link(
    option: str,
    line: int,
    problems: list[tuple[int, str]],
    goal_codes: dict[str, str],
    skill_codes: dict[str, str],
) -> str | dict[str, str] | None:
    if option == "per goal":
        return ALL_GOALS
    if option == "per skill":
        return ALL_SKILLS
    kind, _, code = (p.strip() for p in option.partition(":"))
    codes = {"goal": goal_codes, "skill": skill_codes}.get(kind)
    if codes is None or not code:
        problems.append((line, f"unknown option {option!r}: use {OPTION_HELP}"))
        return None
    if code not in codes:
        known = ", ".join(sorted(codes)) or "none yet"
        problems.append((line, f"no {kind} with the code {code!r} (known: {known})"))
        return None
    return {kind: codes[code]}


def form_markdown(form: Form, codes: dict[str, str]) -> str:
    """The form as a form file (`journal form import` reads it back); `codes` maps ids
    of linked goals and skills to their codes."""
    lines = [f"# {form.title}"]
    for q in form.questions:
        options = []
        if isinstance(q.link, dict):
            kind, ident = next(iter(q.link.items()))
            options.append(f"({kind}: {codes.get(ident, ident)})")
        elif q.link == ALL_GOALS and not q.rating:
            options.append("(per goal)")
        elif q.link == ALL_SKILLS:
            options.append("(per skill)")
        if q.rating:
            options.append("(per goal) (rating)" if q.link == ALL_GOALS else "(rating)")
        if q.limit:
            options.append(f"(limit: {q.limit.count} {q.limit.unit})")
        lines.append(" ".join([f"- {q.text}", *options]))
    return "\n".join(lines) + "\n"

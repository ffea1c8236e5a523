"""Reading goal files: a Markdown outline or a CSV, into rows with their line numbers.

Markdown: one goal per bullet (`-`, `*`, `+` or `1.`), nested bullets are sub-goals.
Optional fields go in a trailing group `(code: revenue, due: 2026-12-31)` (brackets or
braces work too, and so does a tail after ` | ` or ` -- `). A heading that says
"personal" makes the goals under it personal. Indented plain lines under a goal are
its notes. CSV: a header row naming the columns; unknown columns are ignored.
Checking values against the journal is `importers.goals`'s job; this module only reads.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

FIELDS = (
    "title",
    "code",
    "parent",
    "measure",
    "target",
    "due",
    "scope",
    "status",
    "supports",
    "notes",
)
ALIASES = {
    "goal": "title",
    "objective": "title",
    "name": "title",
    "parent_code": "parent",
    "parent_goal": "parent",
    "metric": "measure",
    "kpi": "measure",
    "due_date": "due",
    "deadline": "due",
    "date": "due",
    "description": "notes",
    "note": "notes",
}
SCOPE_WORDS = ("company", "personal")

_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[(?P<check>[ xX])\][ \t]*)?(?P<text>.*)$"
)
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*)$")
_GROUP = re.compile(r"\s*(?:\((?P<p>[^()]*)\)|\[(?P<b>[^\[\]]*)\]|\{(?P<c>[^{}]*)\})\s*$")
_TAIL = re.compile(r"\s+(?:\||--|\u2014|\u2013)\s+(?P<t>[A-Za-z_ ]+\s*[:=].*)$")
_PAIR = re.compile(r"^\s*(?P<k>[A-Za-z][A-Za-z_ ]*?)\s*[:=]\s*(?P<v>.*?)\s*$")
_BOLD = re.compile(r"^(\*\*|__)(?P<t>.+)\1$")


@dataclass(eq=False)
class GoalRow:
    """One goal as the file gave it: only the fields it filled in, as text."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    nest_parent: GoalRow | None = None


def field_name(raw: str) -> str | None:
    """'Due date' -> 'due'; None for a column or key we do not know."""
    key = re.sub(r"[\s\-]+", "_", raw.strip().lower())
    key = ALIASES.get(key, key)
    return key if key in FIELDS else None


# -- Markdown -----------------------------------------------------------------------


def parse_markdown(text: str) -> tuple[list[GoalRow], list[str]]:
    """Rows in file order and the problems found (each starting 'line N:')."""
    rows: list[GoalRow] = []
    problems: list[str] = []
    stack: list[tuple[int, GoalRow]] = []
    scope: str | None = None
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or _RULE.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            words = heading["text"].lower()
            scope = "personal" if "personal" in words else None
            stack = []
            continue
        bullet = _BULLET.match(line)
        if not bullet:
            _maybe_note(line, stack)
            continue
        indent = len(bullet["indent"].expandtabs(4))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        row = GoalRow(number, nest_parent=stack[-1][1] if stack else None)
        if scope:
            row.values["scope"] = scope
        if bullet["check"] in ("x", "X"):
            row.values["status"] = "done"
        title, pairs = split_fields(bullet["text"].strip())
        bold = _BOLD.match(title)
        row.values["title"] = bold["t"].strip() if bold else title
        for key, value in pairs:
            name = field_name(key)
            if name is None or name == "title":
                known = ", ".join(f for f in FIELDS if f != "title")
                problems.append(f"line {number}: unknown field {key!r} (known: {known})")
            elif value:
                row.values[name] = value
        rows.append(row)
        stack.append((indent, row))
    return rows, problems


def _maybe_note(line: str, stack: list[tuple[int, GoalRow]]) -> None:
    """An indented plain line under a goal is part of its notes; other prose is ignored."""
    indent = len(line[: len(line) - len(line.lstrip())].expandtabs(4))
    if stack and indent > stack[-1][0]:
        values = stack[-1][1].values
        values["notes"] = "\n".join(filter(None, [values.get("notes", ""), line.strip()]))


def split_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """'Grow revenue (code: revenue, due: 2026-12-31)' -> title and (key, value) pairs.

    A trailing group counts as fields only when it starts with a known key (or the word
    personal/company); '(checkout API)' stays part of the title. Several groups may
    follow each other. A part without a key
    continues the previous value, so 'due: June 30, 2026' reads as one date.
    """
    pairs: list[tuple[str, str]] = []
    found_any = True
    while found_any:
        found_any = False
        for pattern in (_GROUP, _TAIL):
            found = pattern.search(text)
            inner = next((g for g in found.groups() if g is not None), "") if found else ""
            more = _pairs(inner) if found else None
            if found and more is not None:
                text, pairs, found_any = text[: found.start()].rstrip(), more + pairs, True
                break
    return text, pairs


def _pairs(inner: str) -> list[tuple[str, str]] | None:
    pairs: list[tuple[str, str]] = []
    for part in re.split(r"[,;]", inner):
        pair = _PAIR.match(part)
        word = part.strip().lower()
        if word in SCOPE_WORDS:
            pairs.append(("scope", word))
        elif pair and (pairs or field_name(pair["k"])):
            pairs.append((pair["k"].strip(), pair["v"]))
        elif pairs and part.strip():
            key, value = pairs[-1]
            pairs[-1] = (key, f"{value},{part}".strip())
        elif not pairs:
            return None
    return pairs or None


# -- CSV ----------------------------------------------------------------------------


def parse_csv(text: str) -> tuple[list[GoalRow], list[str]]:
    """Rows with the line each starts on; the delimiter (, ; or tab) is read off the header."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[str] = []
    rows: list[GoalRow] = []
    columns: list[str | None] | None = None
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(f"line {start}: cannot read this CSV row ({err})")
            break
        if not any(cell.strip() for cell in cells):
            continue
        if columns is None:
            columns = _header(cells, start, problems)
            if columns is None:
                break
            continue
        rows.append(_csv_row(cells, columns, start, problems))
    return rows, problems


def _header(cells: list[str], line: int, problems: list[str]) -> list[str | None] | None:
    columns = [field_name(cell) for cell in cells]
    if "title" not in columns:
        found = ", ".join(repr(c.strip()) for c in cells)
        problems.append(
            f"line {line}: the header has no 'title' column (found {found}); "
            f"expected columns like {','.join(FIELDS[:6])}"
        )
        return None
    for name in set(columns) - {None}:
        if columns.count(name) > 1:
            problems.append(f"line {line}: the header has the {name!r} column twice")
    return columns


def _csv_row(
    cells: list[str], columns: list[str | None], line: int, problems: list[str]
) -> GoalRow:
    row = GoalRow(line)
    extra = [c for c in cells[len(columns) :] if c.strip()]
    if extra:
        problems.append(
            f"line {line}: {len(cells)} cells but the header has {len(columns)} "
            "columns (put a title that contains the delimiter in quotes)"
        )
    for name, cell in zip(columns, cells, strict=False):
        if name and cell.strip():
            row.values[name] = cell.strip() if name != "notes" else cell
    return row

"""An entry as plain text for $EDITOR, and back: a header of fields, a blank line, the body.

    kind: feedback
    when: 2026-03-04T17:40:00+01:00
    title: Lead with the customer problem.
    from: Priya
    ...

    The body, exactly as written (it may hold blank lines, '#' and 'word: value' lines).

Only the header is read as fields; everything after the first blank line is the body.
An empty title is taken from the body's first sentence or line, as `journal add` does.
Pure functions: the CLI resolves codes and dates and the store validates the record.
"""

from __future__ import annotations

import re
from typing import cast

from journal.errors import ValidationError
from journal.models import split_title
from journal.records import Entry, StoredRecord

# header name -> entry field, in the order they are written
FIELDS = {
    "kind": "kind",
    "when": "when",
    "title": "title",
    "impact": "impact",
    "from": "source",
    "sentiment": "sentiment",
    "goals": "goals",
    "skills": "skills",
    "tags": "tags",
    "star": "starred",
}
LISTS = ("goals", "skills", "tags")
YES, NO = ("yes", "y", "true", "1"), ("no", "n", "false", "0", "")

_HASHTAG = re.compile(r"(?<![\w#&/])#([^\W\d_][\w-]*)")


def hashtags(text: str) -> list[str]:
    """`#word` tags written in an entry's text (not '# heading', '#1', or a URL's #anchor)."""
    found: list[str] = []
    for match in _HASHTAG.finditer(text):
        tag = match.group(1).rstrip("-").lower()
        if tag and tag not in found:
            found.append(tag)
    return found


def entry_text(entry: Entry, codes: dict[str, str]) -> str:
    """The entry to edit: links by code, the date exactly as stored."""
    values = {
        "kind": entry["kind"],
        "when": entry["when"],
        "title": entry["title"],
        "impact": entry.get("impact") or "",
        "from": entry.get("source") or "",
        "sentiment": entry.get("sentiment") or "",
        "goals": ", ".join(codes.get(g, g) for g in entry["goals"]),
        "skills": ", ".join(codes.get(s, s) for s in entry["skills"]),
        "tags": ", ".join(entry["tags"]),
        "star": "yes" if entry.get("starred") else "no",
    }
    if entry["kind"] != "win" and not values["impact"]:
        del values["impact"]  # only a win has an impact: other kinds keep their header
    # one line per field: a line break inside a value (a title typed in the app) is a space
    header = "".join(
        f"{name}: {' '.join(str(value).splitlines())}".rstrip() + "\n"
        for name, value in values.items()
    )
    return f"{header}\n{entry['body']}\n" if entry["body"] else f"{header}\n"


def template(kind: str, **given: object) -> str:
    """A new entry to write: the kind (and any fields given as flags) filled in, `when`
    empty for now, the body to write below the blank line."""
    blank: Entry = {
        "kind": kind,
        "when": "",
        "title": "",
        "body": "",
        "tags": [],
        "goals": [],
        "skills": [],
        "starred": False,
        "source": None,
        "sentiment": None,
    }
    # the flags given, by name: a draft to edit, not a stored entry
    return entry_text(
        cast(Entry, {**blank, **{k: v for k, v in given.items() if v is not None}}), {}
    )


def _split_list(value: str) -> list[str]:
    return [part for part in re.split(r"[,\s]+", value) if part]


def parse_entry_text(text: str) -> StoredRecord:
    """The fields written in `text`; raises ValidationError naming the line at fault."""
    text = text.replace("\r\n", "\n")
    header, _, body = text.partition("\n\n")
    fields: StoredRecord = {
        "when": "",
        "title": "",
        "source": None,
        "sentiment": None,
        "goals": [],
        "skills": [],
        "tags": [],
        "starred": False,
    }
    for number, line in enumerate(header.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, colon, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not colon:
            raise ValidationError(
                f"line {number} is not 'field: value' (the body starts after the first blank line)"
            )
        if name not in FIELDS:
            raise ValidationError(
                f"unknown field {name!r} on line {number} (known: {', '.join(FIELDS)})"
            )
        field = FIELDS[name]
        if field in LISTS:
            fields[field] = _split_list(value)
        elif field == "starred":
            if value.lower() not in YES + NO:
                raise ValidationError(f"star: say yes or no, not {value!r}")
            fields[field] = value.lower() in YES
        elif field in ("source", "sentiment", "impact"):
            fields[field] = value or None
        else:
            fields[field] = value
    body = body.strip("\n")
    if not fields["title"] and body.strip():
        fields["title"], body = split_title(body)
    fields["body"] = body
    fields.setdefault("kind", "")
    return fields

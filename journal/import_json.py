"""`journal import json FILE`: a `journal export --format json` document, back in full.

The records keep their ids, links and timestamps, and the id counters move past them,
so the journal rebuilt is the one exported. Ids would clash with records already
there, so this reads into an empty journal only. The whole file is checked first (every
record valid, ids unique and well formed, every link pointing at a record in the file);
any problem refuses the import with the list, and nothing is written.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

import orjson

from journal import models
from journal.export_journal import FORMAT_NAME, FORMAT_VERSION
from journal.importing import ImportFileError, Summary, in_one_transaction, problems_error
from journal.models import Record, ValidationError
from journal.textsafe import plural

if TYPE_CHECKING:
    from journal.store import JournalStore

PREFIX = {"entries": "e", "goals": "g", "skills": "s", "reviews": "r"}
_ID = {table: re.compile(rf"^{prefix}[1-9][0-9]*$") for table, prefix in PREFIX.items()}


def _load(raw: bytes, name: str) -> dict[str, Any]:
    try:
        doc = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as err:
        raise ImportFileError(f"{name} is not valid JSON ({err})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ImportFileError(
            f"{name} is not a journal export (make one with `journal export --format json`)"
        )
    version = doc.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFileError(
            f"{name} was written by a newer version of journal (format {version!r}): "
            "upgrade journal to import it"
        )
    return doc


def parse(raw: bytes, name: str) -> tuple[dict[str, list[Record]], dict[str, int]]:
    """The tables and id counters of an export, or ImportFileError listing every problem."""
    doc = _load(raw, name)
    problems: list[str] = []
    tables: dict[str, list[Record]] = {}
    ids: dict[str, set[str]] = {}
    for table in PREFIX:
        records = doc.get(table, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            problems.append(f"'{table}' is not a list of records")
            records = []
        seen: set[str] = set()
        for number, record in enumerate(records, 1):
            ident = record.get("id")
            if not isinstance(ident, str) or not _ID[table].match(ident):
                problems.append(f"{table} record {number} has no valid id ({ident!r})")
            elif ident in seen:
                problems.append(f"{table}: the id {ident} is used twice")
            else:
                seen.add(ident)
        tables[table], ids[table] = records, seen
    for entry in tables["entries"]:
        label = f"entry {entry.get('id')}"
        try:
            models.check_entry(copy.deepcopy(entry))
        except (ValidationError, AttributeError, TypeError) as err:
            problems.append(f"{label}: {err}")
        _links(problems, label, entry, "goals", ids["goals"])
        _links(problems, label, entry, "skills", ids["skills"])
    for goal in tables["goals"]:
        label = f"goal {goal.get('id')}"
        if not isinstance(goal.get("title"), str) or not isinstance(goal.get("code"), str):
            problems.append(f"{label} has no title or code")
        parent = goal.get("parent")
        if parent is not None and parent not in ids["goals"]:
            problems.append(f"{label}: its parent {parent!r} is not in the file")
        _links(problems, label, goal, "supports", ids["goals"])
    for skill in tables["skills"]:
        label = f"skill {skill.get('id')}"
        if not isinstance(skill.get("name"), str) or not isinstance(skill.get("code"), str):
            problems.append(f"{label} has no name or code")
        _links(problems, label, skill, "why", ids["entries"], partial=doc.get("period"))
    for what, records, key in (("goal", tables["goals"], "code"),
                               ("skill", tables["skills"], "code")):
        codes = [r.get(key) for r in records]
        for code in sorted({c for c in codes if codes.count(c) > 1}, key=str):
            problems.append(f"two {what}s share the code {code!r}")
    if problems:
        raise problems_error(name, "cannot be imported", problems)
    raw_counters = doc.get("next")
    counters = {t: n for t, n in (raw_counters or {}).items()
                if t in PREFIX and isinstance(n, int)} if isinstance(raw_counters, dict) else {}
    return tables, counters


def _links(problems: list[str], label: str, record: Record, field: str, known: set[str],
           partial: object = None) -> None:
    value = record.get(field, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        problems.append(f"{label}: '{field}' is not a list of ids")
        return
    if partial:  # an export of one period: a skill may come from an entry outside it
        return
    for ident in value:
        if ident not in known:
            problems.append(f"{label}: {field} names {ident}, which is not in the file")


def import_bytes(store: JournalStore, raw: bytes, name: str, *, dry_run: bool = False) -> Summary:
    """Check the whole export, then store every record under its own id in one write."""
    tables, counters = parse(raw, name)

    def work() -> None:
        if not store.is_empty():
            waiting = len(store.trashed())
            trash = f" ({plural(waiting, 'deleted entry')} in the trash)" if waiting else ""
            raise ValidationError(
                f"{store.path} is not empty{trash}: `journal import json` rebuilds an "
                "exported journal in an empty one (its ids would clash); use --db NEW_FILE"
            )
        store.put_records(tables, counters)

    in_one_transaction(store, dry_run, work)
    summary = Summary("json", name, dry_run)
    summary.imported = len(tables["entries"])
    summary.details = [
        f"{plural(len(tables['goals']), 'goal')}, {plural(len(tables['skills']), 'skill')} "
        f"and {plural(len(tables['reviews']), 'review')} with them"
    ]
    return summary

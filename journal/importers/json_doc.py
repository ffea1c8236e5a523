"""`journal import json FILE`: a `journal export --format json` document, back in full.

The records keep their ids, links and timestamps, and the id counters move past them,
so the journal rebuilt is the one exported. Ids would clash with records already
there, so this reads into an empty journal only (no records, none in the trash). The
whole file is checked first, by the same rules `journal doctor` applies to a journal
(`journal.doctor.checks`): every record valid, ids unique and well formed, counters in range,
every link pointing at a record in the file, no goal its own ancestor. Any problem
refuses the import with the list, and nothing is written. Only a skill's link to the
entry it came from may point outside the file (an export of one period); it is left
out, and the summary says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from journal import models
from journal.doctor.checks import check_document
from journal.errors import ImportFileError, ValidationError
from journal.export.whole import FORMAT_NAME, FORMAT_VERSION
from journal.importers.common import Summary, in_one_transaction, problems_error
from journal.models import PREFIX
from journal.records import StoredRecord
from journal.storage.document import SCHEMA_VERSION
from journal.textsafe import plural

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore

_ID = {table: re.compile(rf"^{prefix}[1-9][0-9]{{0,15}}$") for table, prefix in PREFIX.items()}


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


def parse(
    raw: bytes, name: str
) -> tuple[dict[str, list[StoredRecord]], dict[str, int], int, list[StoredRecord]]:
    """The tables and id counters of an export, how many links from skills to entries
    not in the file were dropped, and its review forms; or ImportFileError listing every
    problem.

    Every record is checked by the rules `journal doctor` applies to a journal (the
    store's record rules, links, codes, goal cycles, dates, savable), on the very
    document the import would store: what it accepts, doctor calls healthy."""
    doc = _load(raw, name)
    problems: list[str] = []
    tables: dict[str, list[StoredRecord]] = {}
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
            elif int(ident[1:]) > models.MAX_ID_NUMBER:
                problems.append(f"{table}: the id {ident[:30]} is beyond the largest id number")
            elif ident in seen:
                problems.append(f"{table}: the id {ident} is used twice")
            else:
                seen.add(ident)
        tables[table] = records
    counters = _counters(doc.get("next"), problems)
    forms = _forms(doc.get("forms"), problems)
    if problems:
        raise problems_error(name, "cannot be imported", problems)
    dropped = _drop_unknown_sources(tables)
    report = check_document(_document(tables, counters), Path(name))
    if report.problems:
        raise problems_error(name, "cannot be imported", report.problems)
    return tables, counters, dropped, forms


def _forms(raw: object, problems: list[str]) -> list[StoredRecord]:
    """The journal's imported review forms (absent in older exports): each must read back."""
    from journal.review.forms import form_from_record

    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        problems.append("'forms' is not a list of forms")
        return []
    names: set[str] = set()
    for number, record in enumerate(raw, 1):
        try:
            form_from_record(record)
        except ValidationError as err:
            problems.append(f"forms record {number}: {err}")
            continue
        name = str(record["name"]).lower()
        if name in names:
            problems.append(f"forms: the name {record['name']!r} is used twice")
        names.add(name)
    return list(raw)


def _counters(raw: object, problems: list[str]) -> dict[str, int]:
    """The export's id counters: whole numbers from 1 up to the largest id number."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append("'next' (the id counters) is not a mapping")
        return {}
    counters = {}
    for table, n in raw.items():
        if table not in PREFIX:
            continue
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= models.MAX_ID_NUMBER:
            problems.append(
                f"the {table} id counter {n!r} is not a number from 1 to {models.MAX_ID_NUMBER}"
            )
        else:
            counters[table] = n
    return counters


def _drop_unknown_sources(tables: dict[str, list[StoredRecord]]) -> int:
    """A skill's `why` may name an entry the file does not hold (outside an exported
    period, or deleted and waiting in the trash): that link is dropped, and counted."""
    known = {e["id"] for e in tables["entries"]}
    dropped = 0
    for skill in tables["skills"]:
        why = skill.get("why")
        if isinstance(why, list):
            kept = [e for e in why if not isinstance(e, str) or e in known]
            dropped += len(why) - len(kept)
            skill["why"] = kept
    return dropped


def _document(tables: dict[str, list[StoredRecord]], counters: dict[str, int]) -> dict[str, Any]:
    """The journal the import would store, in the file's own layout (for its checks)."""
    doc: dict[str, Any] = {
        table: {r["id"][len(PREFIX[table]) :]: r for r in records}
        for table, records in tables.items()
    }
    doc["meta"] = {"1": {"schema": SCHEMA_VERSION, "next": merged_counters(tables, counters)}}
    return doc


def merged_counters(
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    counters: dict[str, int],
    current: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Id counters past every id given (and past the journal's own, `current`)."""
    merged = dict(current or {})
    for table, records in tables.items():
        highest = max((int(r["id"][len(PREFIX[table]) :]) for r in records), default=0)
        merged[table] = max(merged.get(table, 1), counters.get(table, 1), highest + 1)
    return merged


def import_bytes(store: JournalStore, raw: bytes, name: str, *, dry_run: bool = False) -> Summary:
    """Check the whole export, then store every record under its own id in one write."""
    tables, counters, dropped, forms = parse(raw, name)

    def work() -> None:
        if not store.is_empty():
            waiting = len(store.entries.trashed())
            trash = f" ({plural(waiting, 'deleted entry')} in the trash)" if waiting else ""
            raise ValidationError(
                f"{store.path} is not empty{trash}: `journal import json` rebuilds an "
                "exported journal in an empty one (its ids would clash); use --db NEW_FILE"
            )
        store.put_records(tables, counters)
        for form in forms:
            store.forms.save(form)

    in_one_transaction(store, dry_run, work)
    summary = Summary("json", name, dry_run)
    summary.imported = len(tables["entries"])
    summary.details = [
        f"{plural(len(tables['goals']), 'goal')}, {plural(len(tables['skills']), 'skill')} "
        f"and {plural(len(tables['reviews']), 'review')} with them"
        + (f", and {plural(len(forms), 'review form')}" if forms else "")
    ]
    if dropped:
        summary.details.append(
            f"{plural(dropped, 'link')} from skills to entries not in the file (outside the "
            "exported period, or deleted) left out"
        )
    return summary

"""The journal document: its shape, its schema version, and parsing it quickly.

Pure functions over the parsed JSON (no files): the storage uses them to vet what it
reads, `journal doctor` to describe what is wrong, the backups listing to vet a backup.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import orjson

# 2: goal metrics, milestones and check-ins (journal.storage.migrate says what changed)
SCHEMA_VERSION = 2

Document = dict[str, dict[str, dict[str, Any]]]
BOM = b"\xef\xbb\xbf"


def without_bom(raw: bytes) -> bytes:
    """The bytes without a leading UTF-8 byte-order mark (some editors add one on save)."""
    return raw[len(BOM) :] if raw.startswith(BOM) else raw


def working_copy(doc: Document) -> Document:
    """Copies of the tables (and of the small tables' records) for a transaction to change.

    Entry records are never changed in place (the store replaces them), so sharing them
    is safe; copying 50k of them would cost more than the write.
    """
    return {
        name: dict(table) if name == "entries" else {k: dict(v) for k, v in table.items()}
        for name, table in doc.items()
    }


def load_quietly(raw: bytes | memoryview) -> Any:
    """Parse with the cyclic GC paused: building ~10^6 containers otherwise triggers
    collection after collection (a 50k-entry journal parses in 0.11 s instead of 0.4 s).
    The result is frozen out of later collections, which would only re-walk it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        doc = orjson.loads(raw)
        gc.freeze()
        return doc
    finally:
        if enabled:
            gc.enable()


def shape_problem(doc: Any) -> str | None:
    """Why a parsed document is not a journal, or None when it is one."""
    if not isinstance(doc, dict):
        return f"it holds JSON of the wrong shape (a {type(doc).__name__}, not tables)"
    for name, table in doc.items():
        if not isinstance(table, dict) or not set(map(type, table.values())) <= {dict}:
            return f"it holds JSON of the wrong shape (table {name!r} is not a set of records)"
    if "meta" not in doc:  # `{}` too: we never write a journal without meta
        return "it is JSON but not a journal (no 'meta' table); is it another program's file?"
    return None


def schema_of(doc: Document) -> int:
    for record in doc.get("meta", {}).values():
        schema = record.get("schema", 0)
        return schema if isinstance(schema, int) else SCHEMA_VERSION + 1
    return 0


@dataclass(frozen=True)
class Refused:
    """Why bytes are not a journal this version opens; `kind` lets each reader add its
    own advice (the storage names a backup, the doctor says what to do)."""

    kind: Literal["empty", "json", "shape", "newer"]
    reason: str


def parse_document(raw: bytes, load: Callable[[bytes], Any] = orjson.loads) -> Document | Refused:
    """The one document check: the storage's open, the doctor and the backups all use it."""
    raw = without_bom(raw)  # accepted, as the importers do; never written back
    if not raw.strip(b" \t\r\n"):
        return Refused("empty", "the file is empty")
    try:
        doc = load(raw)
    except orjson.JSONDecodeError as err:
        return Refused("json", f"it is not valid JSON ({err})")
    problem = shape_problem(doc)
    if problem:
        return Refused("shape", problem)
    schema = schema_of(doc)
    if schema > SCHEMA_VERSION:
        return Refused(
            "newer",
            f"it was written by a newer version of journal (schema "
            f"{schema}; this version knows up to {SCHEMA_VERSION})",
        )
    return doc  # type: ignore[no-any-return]


def parse_ok(raw: bytes) -> bool:
    """True when bytes hold a journal this version can open (used to vet backups)."""
    doc = parse_document(raw)
    return not isinstance(doc, Refused) and bool(doc)

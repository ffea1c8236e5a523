"""The journal file's byte layout, which lets `journal add` skip parsing the whole file.

The file is one JSON document TinyDB can read, written as two lines: every table but
`entries` on the first, then `"entries": {...}}` on the second (orjson never writes a raw
newline inside a value, so the first newline is the split). `meta` holds a CRC-32 of the
entries section and the highest entry key in it (`entries_top`, so a new id is chosen
without reading the keys). Adding entries then means: parse the small first line, check
the CRC of the rest, and splice the new records in before the closing braces. A file that does not
have exactly this shape (hand-edited, older, damaged) is simply parsed in full.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import orjson

KEY = b'"entries":'


Chunks = list[bytes | memoryview]


@dataclass
class Split:
    """A journal file cut at its entries section, verified by the CRC in meta."""

    head: dict[str, Any]
    section: memoryview  # b"{...}": the entries table as stored (a view: 40 MB is not copied)
    open_crc: int  # CRC-32 of section[:-1], to extend without re-reading


def compose(doc: dict[str, Any]) -> Chunks:
    """The file's bytes for a full document (records the entries CRC in meta)."""
    section = orjson.dumps(doc.get("entries", {}))
    head = {name: table for name, table in doc.items() if name != "entries"}
    meta = head.get("meta", {}).get("1")
    if isinstance(meta, dict):
        meta["entries_crc"] = zlib.crc32(section)
        meta["entries_top"] = top_key(doc.get("entries", {}))
    return join(head, [section])


def top_key(records: dict[str, Any]) -> int:
    """The highest numeric key of a table (0 when there is none; `x1` is not a number)."""
    return max((int(key) for key in records if key.isascii() and key.isdigit()), default=0)


def stored_top(cut: Split) -> int | None:
    """The highest entry key the head records for its entries section (None: unknown)."""
    top = cut.head["meta"]["1"].get("entries_top")
    return top if isinstance(top, int) and not isinstance(top, bool) else None


def join(head: dict[str, Any], section: Chunks) -> Chunks:
    """The file as chunks to write one after another: head line, then the entries."""
    head_bytes = orjson.dumps(head)
    opening = head_bytes[:-1] + b"," if len(head_bytes) > 2 else b"{"
    return [opening + b"\n" + KEY, *section, b"}\n"]


def split(raw: bytes) -> Split | None:
    """Cut a file we wrote into head and entries section, or None if it is not one."""
    newline = raw.find(b"\n")
    if newline < 2 or raw[:1] != b"{" or raw[newline - 1 : newline] != b",":
        return None
    start = newline + 1 + len(KEY)
    if not raw.startswith(KEY, newline + 1) or not raw.endswith(b"}}\n"):
        return None
    if raw[start : start + 1] != b"{":
        return None
    section = memoryview(raw)[start:-2]
    try:
        head = orjson.loads(raw[: newline - 1] + b"}")
        stored = head["meta"]["1"]["entries_crc"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return None
    if not isinstance(head, dict) or "entries" in head:
        return None
    open_crc = zlib.crc32(section[:-1])
    if zlib.crc32(b"}", open_crc) != stored:
        return None
    return Split(head, section, open_crc)


def append(cut: Split, records: dict[str, dict[str, Any]]) -> Chunks:
    """The new file: the old entries plus `records`, the head with the new CRC."""
    middle = b",".join(orjson.dumps(key) + b":" + orjson.dumps(r) for key, r in records.items())
    if bytes(cut.section[:2]) != b"{}":
        middle = b"," + middle
    meta = cut.head["meta"]["1"]
    meta["entries_crc"] = zlib.crc32(b"}", zlib.crc32(middle, cut.open_crc))
    meta["entries_top"] = max(stored_top(cut) or 0, top_key(records))
    return join(cut.head, [cut.section[:-1], middle, b"}"])

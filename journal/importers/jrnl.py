"""Import a `jrnl --export json` file: every entry, exactly, once.

Mapping (mirrored in the README):

* title and body are kept exactly as jrnl exported them (jrnl leaves the tags in the
  title text, and so do we); date and time are local time as jrnl wrote them.
* tags: the tag symbol (`@`, `#`, ...) is dropped and they are lower-cased. An export
  without per-entry tags (old jrnl) gets them from the text, as jrnl found them.
* kind: the first of the tags feedback, reflection, win (in that order) that the entry
  has; else note. A feedback entry tagged praise / constructive / mixed gets that
  sentiment (praise and constructive together make mixed).
* an entry tagged `skill` starts a skill to develop whose `why` is that entry; the name
  is the title without its tags and a leading "Skill to develop:". A skill of the same
  name that already exists gets the entry added to its `why` instead.
* each record keeps `origin` = {"source": "jrnl", "key": sha256 of date, time, title and
  body}; an entry whose key is already in the journal is skipped, so re-importing a
  file (or a later export of the same journal) adds only what is new.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import orjson

from journal import models
from journal.errors import ImportFileError, ValidationError
from journal.importers.common import (
    Progress,
    Summary,
    in_one_transaction,
    no_progress,
    problems_error,
)
from journal.records import Entry
from journal.store.entries import as_entry

if TYPE_CHECKING:
    from journal.store.journal_store import JournalStore

KIND_TAGS = ("feedback", "reflection", "win")
SENTIMENT_TAGS = ("praise", "constructive", "mixed")
SKILL_TAG = "skill"
ORIGIN = "jrnl"
STEP = 1000  # entries between progress reports
PREVIEW = 20  # entries listed by a dry run

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_TAG_CHARS = r"[-+*#/\w]+"
_SKILL_PREFIX = re.compile(
    r"^\s*skills?(?:\s+to\s+(?:develop|grow|build|improve|work\s+on))?\s*[:\-\u2013\u2014]\s*",
    re.IGNORECASE,
)
_HOW_TO_EXPORT = "export it with: jrnl --export json > journal.json"


@dataclass(frozen=True)
class JrnlEntry:
    """One checked entry of the export, ready for `store.entries.add_many`."""

    index: int
    item: dict[str, Any]
    key: str
    skill: str | None


def import_bytes(
    store: JournalStore,
    raw: bytes,
    name: str,
    *,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> Summary:
    """Check the whole export, then add what is new (and its skills) in one write."""
    entries = parse(raw, name, progress)
    summary = Summary("jrnl", name, dry_run)

    def work() -> tuple[list[JrnlEntry], list[Entry], list[str]]:
        known = imported_keys(store)
        new = [e for e in entries if e.key not in known]
        if not new:
            return new, [], []
        progress("saving entries", 0, len(new))
        records = store.entries.add_many([e.item for e in new])
        progress("saving entries", len(new), len(new))
        return new, records, start_skills(store, new, records, dry_run)

    new, records, skill_lines = in_one_transaction(store, dry_run, work)
    summary.imported, summary.skipped = len(new), len(entries) - len(new)
    summary.details = describe(records, skill_lines, dry_run)
    return summary


def parse(raw: bytes, name: str, progress: Progress = no_progress) -> list[JrnlEntry]:
    """Every entry of the export, or ImportFileError naming each bad entry by number."""
    doc = _load(raw, name)
    listed: list[Any] = doc["entries"]
    symbols = _tag_symbols(doc)
    problems: list[str] = []
    result: list[JrnlEntry] = []
    seen: dict[str, int] = {}
    total = len(listed)
    for index, value in enumerate(listed, 1):
        if index % STEP == 0:
            progress("checking entries", index, total)
        try:
            item, key, skill = _convert(value, symbols)
        except ValidationError as err:
            problems.append(f"entry {index} of {total}{_where(value)}: {err}")
            continue
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # identical entries in one file are all kept, each once
            key = f"{key}-{seen[key]}"
        item["origin"] = {"source": ORIGIN, "key": key}
        result.append(JrnlEntry(index, item, key, skill))
    if problems:
        raise problems_error(name, "is not a jrnl export this journal can read", problems)
    return result


def _load(raw: bytes, name: str) -> dict[str, Any]:
    not_export = f"{name} is not a jrnl JSON export"
    try:
        doc = orjson.loads(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw)
    except orjson.JSONDecodeError as err:
        if re.match(rb"\s*\[\d{4}-\d{2}-\d{2}", raw):
            raise ImportFileError(
                f"{not_export}: it looks like a jrnl journal file itself; {_HOW_TO_EXPORT}"
            ) from None
        raise ImportFileError(f"{not_export}: it is not JSON ({err}); {_HOW_TO_EXPORT}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise ImportFileError(
            f'{not_export}: expected a JSON object with an "entries" list, as '
            f"`jrnl --export json` writes; {_HOW_TO_EXPORT}"
        )
    return doc


def _tag_symbols(doc: dict[str, Any]) -> str:
    """The tag symbols the journal uses (for exports without per-entry tags): '@' unless
    the export's tag counts show others."""
    counts = doc.get("tags")
    if isinstance(counts, dict):
        found = {t[0] for t in counts if isinstance(t, str) and t and not t[0].isalnum()}
        return "".join(sorted(found)) or "@"
    return "@"


def _where(value: Any) -> str:
    """' (2026-01-12 09:15 "Kickoff...")' to help find a bad entry in the file."""
    if not isinstance(value, dict):
        return ""
    parts = [str(value[k]) for k in ("date", "time") if isinstance(value.get(k), str)]
    title = value.get("title")
    if isinstance(title, str) and title.strip():
        parts.append(repr(title[:40] + ("..." if len(title) > 40 else "")))
    return f" ({' '.join(parts)})" if parts else ""


def _convert(value: Any, symbols: str) -> tuple[dict[str, Any], str, str | None]:
    """One export entry as an `entries.add_many` item, its fingerprint, and a skill name."""
    if not isinstance(value, dict):
        raise ValidationError(f"expected an object, found {_json_type(value)}")
    for key in ("date", "time", "title"):
        if key not in value:
            raise ValidationError(f'missing "{key}"')
    fields = {k: value.get(k, "") for k in ("date", "time", "title", "body")}
    for key, text in fields.items():
        if not isinstance(text, str):
            raise ValidationError(f'"{key}" should be text, found {_json_type(text)}')
    date_text, time_text, title, body = fields.values()
    when = _local_time(date_text, time_text)
    starred = value.get("starred", False)
    if not isinstance(starred, bool):
        raise ValidationError(f'"starred" should be true or false, found {_json_type(starred)}')
    if "tags" in value:
        tags = _listed_tags(value["tags"])
    else:
        tags = _text_tags(f"{title}\n{body}", symbols)
    kind = next((k for k in KIND_TAGS if k in tags), "note")
    item: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "body": body,
        "when": when,
        "tags": tags,
        "starred": starred,
        "sentiment": _sentiment(tags) if kind == "feedback" else None,
    }
    models.check_entry(as_entry(dict(item)))
    key = hashlib.sha256(orjson.dumps([date_text, time_text, title, body])).hexdigest()
    skill = skill_name(title, tags, date_text) if SKILL_TAG in tags else None
    return item, key, skill


def _json_type(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _local_time(date_text: str, time_text: str) -> datetime:
    """The wall-clock time jrnl wrote, with the local UTC offset of that moment."""
    d, t = _DATE.match(date_text), _TIME.match(time_text)
    if not d:
        raise ValidationError(f'date "{date_text}" is not YYYY-MM-DD')
    if not t:
        raise ValidationError(f'time "{time_text}" is not HH:MM')
    year, month, day = (int(x) for x in d.groups())
    hour, minute, second = (int(x or 0) for x in t.groups())
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError as err:
        stamp = f"{date_text} {time_text}"
        raise ValidationError(f'"{stamp}" is not a real date and time ({err})') from None
    # naive.astimezone() would move a time inside a DST gap; keep the written clock time.
    return naive.replace(tzinfo=timezone(naive.astimezone().utcoffset() or timedelta(0)))


def _clean_tag(raw: str) -> str:
    tag = raw.strip()
    if tag and not (tag[0].isalnum() or tag[0] == "_"):
        tag = tag[1:]
    return tag.lower()


def _listed_tags(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValidationError('"tags" should be a list of text')
    tags: list[str] = []
    for raw in value:
        tag = _clean_tag(raw)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _text_tags(text: str, symbols: str) -> list[str]:
    """Tags as jrnl finds them in the text: a symbol at a word start, then tag chars."""
    pattern = rf"(?<!\S)[{re.escape(symbols)}]({_TAG_CHARS})"
    tags: list[str] = []
    for match in re.finditer(pattern, text):
        tag = match.group(1).lower()
        if tag not in tags:
            tags.append(tag)
    return tags


def _sentiment(tags: list[str]) -> str | None:
    found = [s for s in SENTIMENT_TAGS if s in tags]
    if not found:
        return None
    return found[0] if len(found) == 1 else "mixed"


def skill_name(title: str, tags: list[str], date_text: str = "") -> str:
    """'Skill to develop: presenting to leaders. @skill @talks' -> 'Presenting to leaders'."""

    def drop_tag(match: re.Match[str]) -> str:
        return "" if match.group(1).lower() in tags else match.group(0)

    text = re.sub(rf"(?<!\S)[^\w\s]({_TAG_CHARS})", drop_tag, title)
    text = _SKILL_PREFIX.sub("", " ".join(text.split()))
    text = text.strip().rstrip(".!;:,").strip()
    if not text:
        return f"Skill from {date_text}".strip()
    return text[:1].upper() + text[1:]


def imported_keys(store: JournalStore) -> set[str]:
    """The jrnl fingerprints already in the journal."""
    keys: set[str] = set()
    for entry in store.raw_entries():
        origin = entry.get("origin")
        if isinstance(origin, dict) and origin.get("source") == ORIGIN:
            keys.add(str(origin.get("key")))
    return keys


def start_skills(
    store: JournalStore, new: list[JrnlEntry], records: list[Entry], dry_run: bool = False
) -> list[str]:
    """Start (or extend) a skill for each entry tagged `skill`; one line per skill."""
    wanted: dict[str, tuple[str, list[str]]] = {}
    for entry, record in zip(new, records, strict=True):
        if entry.skill:
            name, ids = wanted.setdefault(entry.skill.casefold(), (entry.skill, []))
            ids.append(record["id"])
    existing = {s["name"].casefold(): s for s in store.skills.all()}
    lines: list[str] = []
    fresh: list[tuple[str, list[str]]] = []
    for folded, (name, ids) in wanted.items():
        found = existing.get(folded)
        if found:
            skill = store.skills.update(found["id"], why=[*found.get("why", []), *ids])
            verb = "would be linked to" if dry_run else "linked to"
            lines.append(f"skill {verb}: {skill['code']}  {skill['name']} (from {', '.join(ids)})")
        else:
            fresh.append((name, ids))
    verb = "would be started" if dry_run else "started"
    started = store.skills.add_many([{"name": name, "why": ids} for name, ids in fresh])
    for skill, (_, ids) in zip(started, fresh, strict=True):
        lines.append(f"skill {verb}: {skill['code']}  {skill['name']} (from {', '.join(ids)})")
    return lines


def describe(records: list[Entry], skill_lines: list[str], dry_run: bool) -> list[str]:
    """Counts by kind, the date range, skills, and for a dry run the first entries."""
    if not records:
        return []
    counts = {k: sum(1 for r in records if r["kind"] == k) for k in models.KINDS}
    kinds = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    starred = sum(1 for r in records if r["starred"])
    dates = sorted(r["when"][:10] for r in records)
    lines = [f"{kinds}; {starred} starred; from {dates[0]} to {dates[-1]}"]
    lines += skill_lines[:PREVIEW]
    if len(skill_lines) > PREVIEW:
        lines.append(f"... and {len(skill_lines) - PREVIEW} more skills")
    if dry_run:
        for record in records[:PREVIEW]:
            when = record["when"][:16].replace("T", " ")
            lines.append(f"  {when}  {record['kind']:<10} {record['title']}")
        if len(records) > PREVIEW:
            lines.append(f"  ... and {len(records) - PREVIEW} more")
    return lines

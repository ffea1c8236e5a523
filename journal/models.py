"""The journal's vocabulary: kinds, scopes, statuses, and the rules a record must obey.

Records are plain dicts (what TinyDB stores); this module builds and checks them so the
store never writes something the rest of the program cannot read back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, TypeVar

from journal.errors import ValidationError
from journal.records import Confidence, Entry, Goal, Metric, Milestone, Skill

KINDS = ("feedback", "reflection", "win", "note", "checkin")
# A check-in (`journal checkin`) is an entry of kind "checkin": a value on one goal's
# metric, with the note as its body and an optional confidence.
CONFIDENCES: tuple[Confidence, ...] = ("low", "medium", "high")
PREFIX = {"entries": "e", "goals": "g", "skills": "s", "reviews": "r"}
"""Each table's id prefix: e12 is entry 12."""
SENTIMENTS = ("praise", "constructive", "mixed")
SCOPES = ("company", "personal")
GOAL_STATUSES = ("active", "done", "dropped")
SKILL_STATUSES = ("active", "done", "dropped")
REVIEW_STATUSES = ("draft", "final")
LEVELS = range(1, 6)
# One text field's limit: 1 MB bodies are welcome, a 5 MB paste is a mistake that would
# slow every save of the journal after it.
MAX_TEXT_BYTES = 2_000_000

_Choice = TypeVar("_Choice", bound=str)

_TAG = re.compile(r"^[^\s,]+$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def choose(value: str, allowed: tuple[_Choice, ...], what: str) -> _Choice:
    """Return `value` lower-cased if it is one of `allowed`, else explain the choices."""
    lowered = value.strip().lower()
    for choice in allowed:
        if choice == lowered:
            return choice
    raise ValidationError(f"unknown {what} {value!r}: use one of {', '.join(allowed)}")


def check_text(text: str, what: str) -> str:
    """Refuse empty text, NUL bytes and undecodable bytes; keep everything else exactly."""
    if not text.strip():
        raise ValidationError(f"{what} is empty: write something")
    if "\x00" in text:
        raise ValidationError(f"{what} contains a NUL byte: remove it")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise ValidationError(f"{what} is not valid UTF-8: check the terminal's encoding") from None
    if size > MAX_TEXT_BYTES:
        raise ValidationError(
            f"{what} is too long ({size / 1e6:.1f} MB; the limit is "
            f"{MAX_TEXT_BYTES / 1e6:.0f} MB): keep big documents in files and note where"
        )
    return text


def split_title(text: str) -> tuple[str, str]:
    """Split typed text like jrnl does: the first line or sentence is the title."""
    text = text.strip("\r\n")
    first_line, _, rest = text.partition("\n")
    parts = _SENTENCE_END.split(first_line.strip(), maxsplit=1)
    title = parts[0].strip()
    body_head = parts[1] if len(parts) > 1 else ""
    body = "\n".join(part for part in (body_head, rest) if part)
    return title, body


def normalise_tags(tags: list[str]) -> list[str]:
    """Lower-case tags, drop a leading @ or #, remove duplicates keeping order."""
    result: list[str] = []
    for raw in tags:
        tag = raw.strip().lstrip("@#").lower()
        if not tag or not _TAG.match(tag):
            raise ValidationError(f"tag {raw!r} must be one word (no spaces or commas)")
        if tag not in result:
            result.append(tag)
    return result


def slugify(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """Derive a short unique code from a title: 'Grow enterprise revenue' -> 'grow-enterprise'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    code = ""
    for word in words:
        candidate = f"{code}-{word}" if code else word
        if len(candidate) > 20 and code:
            break
        code = candidate
    code = code[:20] or "goal"
    unique, n = code, 2
    while unique in taken:
        unique, n = f"{code}-{n}", n + 1
    return unique


def check_code(code: str) -> str:
    """A code is typed on the command line, so keep it a plain slug."""
    code = code.strip().lower()
    if not _CODE.match(code):
        raise ValidationError(
            f"code {code!r} must be lower-case letters, digits, '-' or '_' (e.g. 'revenue')"
        )
    return code


def check_level(value: int | None, what: str) -> int | None:
    if value is not None and value not in LEVELS:
        raise ValidationError(f"{what} must be between 1 and 5, not {value}")
    return value


def check_levels(level: int | None, target: int | None) -> None:
    """A target is where the skill is going: not below where it is (each 1-5 first)."""
    check_level(level, "the level")
    check_level(target, "the target level")
    if level is not None and target is not None and target < level:
        raise ValidationError(
            f"the target level (--target {target}) is below the current level (--level "
            f"{level}): a target is where you want to get to"
        )


def check_entry(entry: Entry) -> Entry:
    """Validate a complete entry record in place and return it."""
    entry["kind"] = choose(entry.get("kind", ""), KINDS, "kind")
    check_text(entry.get("title", ""), "the entry's text")
    if (entry.get("body") or "").strip():  # a blank body is no body, not an "empty" error
        check_text(entry["body"], "the entry's body")
    entry["tags"] = normalise_tags(entry.get("tags", []))
    if entry["kind"] == "feedback":
        if sentiment := entry.get("sentiment"):
            entry["sentiment"] = choose(sentiment, SENTIMENTS, "sentiment")
        if (source := entry.get("source")) is not None:
            entry["source"] = source.strip() or None
    else:
        if entry.get("sentiment"):
            raise ValidationError("--sentiment only applies to feedback entries")
        if entry.get("source"):
            raise ValidationError("--from only applies to feedback entries")
        entry["sentiment"] = None
        entry["source"] = None
    entry["starred"] = bool(entry.get("starred", False))
    if "actions" in entry or "with" in entry:  # a 1:1 note's (issue 15)
        from journal.planning.fields import check_meeting_fields

        check_meeting_fields(entry)
    _check_checkin_fields(entry)
    check_impact(entry)
    return entry


def _number(value: Any) -> bool:
    """A finite int or float that is not a bool (JSON has no NaN; neither do we)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value == value
        and abs(value) != float("inf")
    )


_CHECKIN_ONLY: tuple[Literal["value", "confidence"], ...] = ("value", "confidence")


def _check_checkin_fields(entry: Entry) -> None:
    """A check-in carries a value on one goal; no other kind carries a value."""
    if entry["kind"] != "checkin":
        for name in _CHECKIN_ONLY:
            if entry.get(name) is not None:
                raise ValidationError(
                    f"only check-ins carry a {name}: record one with `journal checkin CODE VALUE`"
                )
            entry.pop(name, None)
        return
    if not _number(entry.get("value")):
        raise ValidationError(
            "a check-in needs a number as its value: record one with `journal checkin CODE VALUE`"
        )
    # One goal; none once that goal is deleted (the check-in stays, as deleting a goal
    # keeps every entry and drops only the links).
    if len(entry.get("goals") or []) > 1:
        raise ValidationError("a check-in belongs to one goal: link it to one only")
    if entry.get("confidence") is not None:
        entry["confidence"] = choose(str(entry["confidence"]), CONFIDENCES, "confidence")
    else:
        entry["confidence"] = None


def check_metric(metric: Any) -> Metric | None:
    """A goal's numeric metric: unit, baseline, target, start. None is no metric."""
    if metric is None:
        return None
    if not isinstance(metric, dict):
        raise ValidationError(f"its metric {metric!r} is not a record of unit, baseline, target")
    for name in ("baseline", "target"):
        if not _number(metric.get(name)):
            raise ValidationError(f"its metric's {name} {metric.get(name)!r} is not a number")
    if metric["baseline"] == metric["target"]:
        raise ValidationError(
            f"the metric's target equals its baseline ({metric['target']:g}): a target is "
            "where you want to get to (below the baseline when lower is better)"
        )
    unit = metric.get("unit") or ""
    if not isinstance(unit, str) or "\n" in unit or len(unit) > 40:
        raise ValidationError(f"its metric's unit {unit!r} must be a short word such as 'ms'")
    start = metric.get("start")
    if start is not None:
        _iso_date(start, "metric's start")
    checked: Metric = {
        "unit": unit.strip(),
        "baseline": metric["baseline"],
        "target": metric["target"],
        "start": start,
    }
    return checked


def check_milestones(milestones: Any) -> list[Milestone]:
    """A goal's milestones: text, an optional due date and the day it was done."""
    if milestones is None:
        return []
    if not isinstance(milestones, list):
        raise ValidationError("its milestones are not a list")
    checked: list[Milestone] = []
    for item in milestones:
        if not isinstance(item, dict):
            raise ValidationError(f"a milestone {item!r} is not a record")
        text = item.get("text")
        text = text if isinstance(text, str) else ""
        check_text(text, "a milestone's text")
        for name in ("due", "done_on"):
            if item.get(name) is not None:
                _iso_date(item[name], f"milestone's {name}")
        checked.append({"text": text, "due": item.get("due"), "done_on": item.get("done_on")})
    return checked


def _iso_date(value: Any, what: str) -> None:
    try:
        date.fromisoformat(value if isinstance(value, str) else "")
    except ValueError:
        raise ValidationError(f"its {what} {value!r} is not a date (YYYY-MM-DD)") from None


MAX_IMPACT = 200  # characters: "p95 -34%", "$1.2M ARR", a line, not a paragraph


def check_impact(entry: Entry) -> None:
    """A win's `impact` (issue 16): short one-line text; absent when empty, wins only."""
    impact = entry.get("impact")
    if impact is None or (isinstance(impact, str) and not impact.strip()):
        entry.pop("impact", None)
        return
    if not isinstance(impact, str):
        raise ValidationError(f"the impact must be text such as 'p95 -34%', not {impact!r}")
    if entry["kind"] != "win":
        raise ValidationError(
            "--impact only applies to wins (what the win changed, e.g. 'p95 -34%')"
        )
    check_text(impact, "the impact")
    impact = " ".join(impact.split())
    if len(impact) > MAX_IMPACT:
        raise ValidationError(
            f"the impact is {len(impact)} characters; keep it under "
            f"{MAX_IMPACT} (say the number; the story goes in the body)"
        )
    entry["impact"] = impact


# Ids are "e12": the number must stay a safe integer everywhere (JSON readers included),
# and a counter near it would make every later add fail.
MAX_ID_NUMBER = 2**53


def _one_of(record: Mapping[str, Any], name: str, allowed: tuple[str, ...]) -> None:
    value = record.get(name)
    if value is not None and value not in allowed:
        raise ValidationError(f"unknown {name} {value!r}: use one of {', '.join(allowed)}")


def _stored_code(record: Mapping[str, Any]) -> None:
    code = record.get("code")
    if not isinstance(code, str) or check_code(code) != code:
        raise ValidationError(f"code {code!r} is not a lower-case slug such as 'revenue'")


def check_goal(goal: Goal) -> Goal:
    """Check a goal as stored (what `store.goals` writes): text, code, scope, status and
    dates that read back. The store resolves links; the health check follows them."""
    title = goal.get("title")
    check_text(title if isinstance(title, str) else "", "the goal's title")
    _stored_code(goal)
    _one_of(goal, "scope", SCOPES)
    _one_of(goal, "status", GOAL_STATUSES)
    for name in ("due", "done_on"):
        value = goal.get(name)
        if value is None or value == "":
            continue
        try:
            date.fromisoformat(value if isinstance(value, str) else "")
        except ValueError:
            raise ValidationError(f"its {name} {value!r} is not a date (YYYY-MM-DD)") from None
    from journal.planning.fields import check_plan_fields  # optional fields of issue 15

    check_plan_fields(goal)
    if goal.get("metric") is not None:
        goal["metric"] = check_metric(goal["metric"])
    if goal.get("milestones"):
        goal["milestones"] = check_milestones(goal["milestones"])
    return goal


def check_skill(skill: Skill) -> Skill:
    """Check a skill as stored: name, code, levels 1-5 and status."""
    name = skill.get("name")
    check_text(name if isinstance(name, str) else "", "the skill's name")
    _stored_code(skill)
    for field, what in (("level", "the level"), ("target_level", "the target level")):
        value = skill.get(field)
        if isinstance(value, bool) or (value is not None and not isinstance(value, int)):
            raise ValidationError(f"{what} must be a number between 1 and 5, not {value!r}")
        check_level(value, what)
    _one_of(skill, "status", SKILL_STATUSES)
    return skill

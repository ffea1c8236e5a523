"""Numbers as people type them: a check-in's VALUE and a goal's free-text target.

A VALUE is a number with an optional sign, decimal point, thousands separators (commas
between groups of three digits), a leading currency sign and a unit after it:
`375`, `375ms`, `375 ms`, `34%`, `1,250`, `$1,250`, `-2.5`, `12.5 deals`, `1e3`
(e-notation is a number, never a unit "e3"; a number too large for a float is refused). A free-text
target such as `5 deals`, `< 300 ms` or `7 days (from 14)` offers a numeric target (and,
with "(from N)", a baseline) when it starts with a number. No I/O.
"""

from __future__ import annotations

import math
import re

from journal.errors import ValidationError

_EXPONENT = r"(?:[eE][+-]?\d+)?"
_NUMBER = rf"[+-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?{_EXPONENT}|[+-]?\.\d+{_EXPONENT}"
_VALUE = re.compile(rf"^\s*(?P<cur>[$€£¥])?\s*(?P<n>{_NUMBER})\s*(?P<unit>[^\d\s,.+-][^\n]*?)?\s*$")
_TARGET = re.compile(
    rf"^\s*(?:<=|>=|[<>≤≥~≈]|at (?:most|least)|under|over|below|above)?\s*"
    rf"(?P<cur>[$€£¥])?\s*(?P<n>{_NUMBER})\s*(?P<unit>[^\d(]*?)\s*"
    rf"(?:\(\s*from\s+[$€£¥]?\s*(?P<base>{_NUMBER})[^)]*\))?\s*$",
    re.IGNORECASE,
)

VALUE_HELP = (
    "a number with an optional unit or thousands separator: 375, 375ms, 34%%, 1,250, $1,250"
)


def _float(text: str) -> float:
    number = float(text.replace(",", ""))
    if not math.isfinite(number):  # 1e400 reads as inf: no progress can be computed from it
        raise ValidationError(f"{text!r} is too large a number: write a finite value")
    return number


def parse_value(text: str) -> tuple[float, str]:
    """The number and the unit written after it ('' when none): '375ms' -> (375.0, 'ms')."""
    found = _VALUE.match(text)
    if not found:
        raise ValidationError(
            f"cannot read {text!r} as a value: write a number with an optional unit, "
            "such as 375, 375ms, 34%, 1,250 or $1,250"
        )
    unit = found["cur"] or (found["unit"] or "").strip()
    return _float(found["n"]), unit


def same_unit(typed: str, unit: str) -> bool:
    """A unit typed with a value matches the goal's in any case and spacing."""
    return typed.replace(" ", "").casefold() == unit.replace(" ", "").casefold()


def value_for(text: str, unit: str) -> float:
    """A check-in's value for a goal measured in `unit`: a different unit is refused."""
    number, typed = parse_value(text)
    if typed and not same_unit(typed, unit):
        shown = f"in {unit!r}" if unit else "without a unit"
        raise ValidationError(
            f"the value {text!r} is in {typed!r} but the goal is measured {shown}: "
            f"write the number alone, or change the unit with `journal goal edit CODE --unit U`"
        )
    return number


def parse_target_text(text: str) -> tuple[float, str, float | None] | None:
    """The numeric target a free-text target offers: (target, unit, baseline or None),
    or None when it does not start with a number ('double it', 'ship v2')."""
    found = _TARGET.match(text or "")
    if not found:
        return None
    unit = found["cur"] or found["unit"].strip()
    try:
        base = _float(found["base"]) if found["base"] else None
        return _float(found["n"]), unit, base
    except ValidationError:
        return None  # free text after all: too large a number to measure against


def check_unit(unit: str) -> str:
    """A metric's unit as `--unit` gives it: one word a VALUE can be typed with ('ms', '%',
    '$', 'deals'), so '5ms' reads back as 5 in it. '123' (read as part of the number) and
    'ms ms' (two words) are refused."""
    unit = unit.strip()
    if not unit:
        return unit
    if unit[0] in "0123456789+-.,":
        raise ValidationError(
            f"the unit {unit!r} starts with {unit[0]!r}, which a value would read as part of "
            "its number: give a unit such as ms, %, $ or deals"
        )
    if any(c.isspace() for c in unit) or not unit.isprintable():
        raise ValidationError(
            f"the unit {unit!r} is not one word: give a unit such as ms, %, $ or deals "
            "(join words with '-', as in story-points)"
        )
    return unit


def format_number(value: float | None) -> str:
    """375.0 -> '375', 1250.5 -> '1,250.5', None -> '?'."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: float | None, unit: str) -> str:
    """A number with its unit as people write it: '375 ms', '34%', '$1,250'."""
    number = format_number(value)
    if not unit or value is None:
        return number
    if unit in "$€£¥":
        return f"{unit}{number}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}"

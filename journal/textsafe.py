"""Showing user text safely: control characters become visible, never reach the terminal.

An entry can hold anything the user pasted, including ESC sequences (OSC 52 clipboard
writes, title changes, resets) and C1 controls. Shown raw they would drive the terminal;
here each becomes its Unicode control picture (ESC -> ␛) or a visible escape.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀..␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Text safe for a terminal, keeping newlines and tabs (for bodies)."""
    return _CONTROL.sub(_picture, text)


def visible_line(text: str) -> str:
    """Text safe for one line of a terminal: newlines and tabs shown too."""
    return _CONTROL_LINE.sub(_picture, text)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 entry', '2 entries', '0 goals': counts that read like English."""
    if n == 1:
        return f"1 {word}"
    if many is None:
        consonant_y = word.endswith("y") and word[-2:-1] not in tuple("aeiou")
        many = word[:-1] + "ies" if consonant_y else word + "s"
    return f"{n} {many}"

"""Showing user text safely: control characters become visible, never reach the terminal.

An entry can hold anything the user pasted, including ESC sequences (OSC 52 clipboard
writes, title changes, resets) and C1 controls. Shown raw they would drive the terminal;
here each becomes its Unicode control picture (ESC -> ␛) or a visible escape.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

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


# A terminal control sequence, whole: CSI (colours, cursor), OSC (title, clipboard,
# hyperlinks) and the other string controls up to their terminator (or the line's end),
# two-byte escapes, and their 8-bit C1 forms.
_SEQUENCE = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]"
    "|\x9b[0-?]*[ -/]*[@-~]"
)
_LEFTOVER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def pasteable(text: str) -> str:
    """Text to paste somewhere else (a web form, by way of the clipboard): terminal control
    sequences dropped whole ('\\x1b[31mred\\x1b[0m' -> 'red') and any other control
    character dropped, newlines, tabs and carriage returns kept. Shown on a terminal the
    sequences did nothing visible, so this is the text as it read; pasted into a terminal
    they would drive it (an ESC [201~ ends a bracketed paste)."""
    return _LEFTOVER.sub("", _SEQUENCE.sub("", text))


# orjson escapes C0 (JSON must), but leaves DEL and C1 raw: valid JSON that still drives a
# terminal it is printed to. Outside strings JSON is ASCII, so these bytes (DEL, and the
# UTF-8 of U+0080..U+009F: 0xC2 is never a continuation byte) can only be inside a string.
# The pattern starts with a literal byte so the search runs at memchr speed.
_JSON_C1 = re.compile(b"\xc2[\x80-\x9f]")


def _json_escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % match.group()[1]


def safe_json(value: Any) -> bytes:
    """JSON (indented, UTF-8) with every C0, C1 and DEL written as \\uXXXX: the same data
    when parsed, inert on a terminal (orjson's speed: ~1 ms a MB more)."""
    data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    if b"\x7f" in data:
        data = data.replace(b"\x7f", b"\\u007f")
    return _JSON_C1.sub(_json_escape, data)


def first_of(items: list[str], limit: int) -> str:
    """'a, b, c, +2 more': a list cut to `limit` items that says what it left out."""
    shown = ", ".join(items[:limit])
    return f"{shown}, +{len(items) - limit} more" if len(items) > limit else shown


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 entry', '2 entries', '0 goals': counts that read like English."""
    return f"{n} {plural_word(n, word, many)}"


def plural_word(n: int, word: str, many: str | None = None) -> str:
    """The word alone, for counts written another way: 'entry', 'entries'."""
    if n == 1:
        return word
    if many is None:
        consonant_y = word.endswith("y") and word[-2:-1] not in tuple("aeiou")
        many = word[:-1] + "ies" if consonant_y else word + "s"
    return many

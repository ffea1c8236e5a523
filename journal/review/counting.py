"""Counting an answer the way the person typing it sees it: characters and words.

A form's "2000 characters" means what a person sees: `é` typed as e + a combining accent
is one character, so is a family emoji joined by zero-width joiners, and so is a flag
(two regional indicators). Python's `len` counts code points and would be wrong on all
three, so characters are counted as extended grapheme clusters (Unicode UAX #29).

No new dependency: the rules of UAX #29 are short, and `unicodedata` gives the general
categories they mostly rest on; the few properties it lacks (regional indicators, Hangul
jamo, emoji, Indic conjunct consonants and viramas) are code point ranges written out
below. The `regex` or `grapheme` packages would do the same for a runtime dependency.

Words: runs of letters and digits separated by spaces or punctuation, where each Han
ideograph, Hiragana or Katakana character counts as a word of its own (the rule word
processors use for Chinese and Japanese, which are written without spaces).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Grapheme cluster break classes (UAX #29, table 2), the ones the rules tell apart.
OTHER, CR, LF, CONTROL, EXTEND, ZWJ, RI, PREPEND, SPACING = range(9)
L, V, T, LV, LVT = range(9, 14)

_PREPEND = frozenset(
    [0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD, 0x0D4E, 0x111C2, 0x111C3]
    + list(range(0x0600, 0x0606))
)
# Spacing marks (category Mc) that UAX #29 counts as Extend (Other_Grapheme_Extend).
_MC_EXTEND = frozenset(
    [
        0x09BE,
        0x09D7,
        0x0B3E,
        0x0B57,
        0x0BBE,
        0x0BD7,
        0x0CC2,
        0x0CD5,
        0x0CD6,
        0x0D3E,
        0x0D57,
        0x0DCF,
        0x0DDF,
        0x1B35,
        0x302E,
        0x302F,
        0x1D165,
    ]
    + list(range(0x1D16E, 0x1D173))
)
# Mc code points that are not SpacingMark (Myanmar and a few others: UAX #29 table 2).
_MC_OTHER = frozenset(
    [
        0x102B,
        0x102C,
        0x1038,
        0x1083,
        0x108F,
        0x1A61,
        0x1A63,
        0x1A64,
        0xAA7B,
        0xAA7D,
        0x11720,
        0x11721,
    ]
    + list(range(0x1062, 0x1065))
    + list(range(0x1067, 0x106E))
    + list(range(0x1087, 0x108D))
    + list(range(0x109A, 0x109D))
)
# Extended_Pictographic, as ranges (emoji and the symbols emoji sequences are built on).
_PICTOGRAPHIC = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x2388, 0x2388),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F000, 0x1F0FF),
    (0x1F10D, 0x1F10F),
    (0x1F12F, 0x1F12F),
    (0x1F16C, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F1AD, 0x1F1E5),
    (0x1F201, 0x1F20F),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F),
    (0x1F249, 0x1F3FA),
    (0x1F400, 0x1F53D),
    (0x1F546, 0x1F64F),
    (0x1F680, 0x1F6FF),
    (0x1F774, 0x1F77F),
    (0x1F7D5, 0x1F7FF),
    (0x1F80C, 0x1F80F),
    (0x1F848, 0x1F84F),
    (0x1F85A, 0x1F85F),
    (0x1F888, 0x1F88F),
    (0x1F8AE, 0x1F8FF),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
)
# Indic conjuncts (rule GB9c): consonant + virama + consonant is one character.
_LINKERS = frozenset([0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D])
_CONSONANTS = (
    (0x0915, 0x0939),
    (0x0958, 0x095F),
    (0x0978, 0x097F),
    (0x0995, 0x09A8),
    (0x09AA, 0x09B0),
    (0x09B2, 0x09B2),
    (0x09B6, 0x09B9),
    (0x09DC, 0x09DD),
    (0x09DF, 0x09DF),
    (0x09F0, 0x09F1),
    (0x0A95, 0x0AA8),
    (0x0AAA, 0x0AB0),
    (0x0AB2, 0x0AB3),
    (0x0AB5, 0x0AB9),
    (0x0AF9, 0x0AF9),
    (0x0B15, 0x0B28),
    (0x0B2A, 0x0B30),
    (0x0B32, 0x0B33),
    (0x0B35, 0x0B39),
    (0x0B5C, 0x0B5D),
    (0x0B5F, 0x0B5F),
    (0x0B71, 0x0B71),
    (0x0C15, 0x0C28),
    (0x0C2A, 0x0C39),
    (0x0C58, 0x0C5A),
    (0x0D15, 0x0D3A),
)


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


@lru_cache(maxsize=4096)
def break_class(ch: str) -> int:
    """The Grapheme_Cluster_Break class of one code point."""
    cp = ord(ch)
    if cp < 0x7F:  # ASCII: the common case, decided without unicodedata
        return CR if cp == 0x0D else LF if cp == 0x0A else CONTROL if cp < 0x20 else OTHER
    if cp == 0x200D:
        return ZWJ
    if 0x1F1E6 <= cp <= 0x1F1FF:
        return RI
    if 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F or cp in (0x200C, 0xFF9E, 0xFF9F):
        return EXTEND  # emoji skin tones, emoji tag sequences (subdivision flags)
    if cp in _PREPEND:
        return PREPEND
    if 0xAC00 <= cp <= 0xD7A3:
        return LV if (cp - 0xAC00) % 28 == 0 else LVT
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return L
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return V
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return T
    if cp in (0x0E33, 0x0EB3):  # Thai and Lao SARA AM
        return SPACING
    category = unicodedata.category(ch)
    if category in ("Mn", "Me"):
        return EXTEND
    if category == "Mc":
        return EXTEND if cp in _MC_EXTEND else OTHER if cp in _MC_OTHER else SPACING
    if category in ("Cc", "Zl", "Zp", "Cf", "Cs"):
        return CONTROL
    return OTHER


@lru_cache(maxsize=4096)
def _pictographic(ch: str) -> bool:
    return _in(ord(ch), _PICTOGRAPHIC)


def _consonant(ch: str) -> bool:
    return _in(ord(ch), _CONSONANTS)


@dataclass
class _State:
    """What the rules need to remember about the cluster so far."""

    pictographic_zwj: bool = False  # GB11: ExtPict Extend* ZWJ, waiting for an ExtPict
    in_pictographic: bool = False  # ExtPict Extend* so far
    regional: int = 0  # regional indicators in a row (GB12, GB13)
    conjunct: int = 0  # GB9c: 0 none, 1 after a consonant, 2 after consonant ... linker


def graphemes(text: str) -> Iterator[str]:
    """Split text into extended grapheme clusters (UAX #29 rules GB3-GB13)."""
    if not text:
        return
    start = 0
    prev = break_class(text[0])
    state = _State()
    _advance(state, text[0], prev)
    for i in range(1, len(text)):
        ch = text[i]
        cls = break_class(ch)
        if _breaks(prev, cls, ch, state):
            yield text[start:i]
            start = i
            state = _State()
        _advance(state, ch, cls)
        prev = cls
    yield text[start:]


def _breaks(prev: int, cls: int, ch: str, state: _State) -> bool:
    if prev == CR and cls == LF:
        return False  # GB3
    if prev in (CR, LF, CONTROL) or cls in (CR, LF, CONTROL):
        return True  # GB4, GB5
    if prev == L and cls in (L, V, LV, LVT):
        return False  # GB6
    if prev in (LV, V) and cls in (V, T):
        return False  # GB7
    if prev in (LVT, T) and cls == T:
        return False  # GB8
    if cls in (EXTEND, ZWJ, SPACING) or prev == PREPEND:
        return False  # GB9, GB9a, GB9b
    if state.conjunct == 2 and _consonant(ch):
        return False  # GB9c
    if prev == ZWJ and state.pictographic_zwj and _pictographic(ch):
        return False  # GB11
    return not (prev == RI and cls == RI and state.regional % 2 == 1)  # GB12, GB13, GB999


def _advance(state: _State, ch: str, cls: int) -> None:
    """Update the remembered context with the code point just added to the cluster."""
    cp = ord(ch)
    if _pictographic(ch):
        state.in_pictographic, state.pictographic_zwj = True, False
    elif cls == EXTEND and state.in_pictographic:
        pass
    elif cls == ZWJ and state.in_pictographic:
        state.pictographic_zwj, state.in_pictographic = True, False
    else:
        state.in_pictographic = state.pictographic_zwj = False
    state.regional = state.regional + 1 if cls == RI else 0
    if _consonant(ch):
        state.conjunct = 1
    elif cp in _LINKERS and state.conjunct:
        state.conjunct = 2
    elif not (cls in (EXTEND, ZWJ) and state.conjunct):
        state.conjunct = 0


def count_chars(text: str) -> int:
    """Characters as a person sees them (grapheme clusters), not code points or bytes."""
    if text.isascii():  # every ASCII character is a cluster of its own, but CR LF is one
        return len(text) - text.count("\r\n")
    return sum(1 for _ in graphemes(text))


def _cjk(ch: str) -> bool:
    """A character written without spaces that counts as a word: Han, Hiragana, Katakana."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3134F
        or 0xF900 <= cp <= 0xFAFF
        or 0x3040 <= cp <= 0x30FF
        or 0x31F0 <= cp <= 0x31FF
        or 0xFF66 <= cp <= 0xFF9D
    )


def count_words(text: str) -> int:
    """Words: each run of letters or digits between spaces is one (`don't`, `p95`,
    `state-of-the-art` each count once; a lone dash counts nothing); each Han, Hiragana or
    Katakana character is a word of its own."""
    words = 0
    for token in text.split():
        in_word = False
        for ch in token:
            if _cjk(ch):
                words += 1
                in_word = False
            elif ch.isalnum():
                if not in_word:
                    words += 1
                in_word = True
            elif unicodedata.category(ch)[0] == "M":
                continue  # a combining mark belongs to the letter before it
            elif _cjk_punctuation(ch):
                in_word = False
        # other punctuation inside a token (apostrophes, hyphens, dots) joins it
    return words


def _cjk_punctuation(ch: str) -> bool:
    return 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFF65


UNITS = ("chars", "words")


def count(text: str, unit: str) -> int:
    """The answer's length in the unit a limit is given in ("chars" or "words")."""
    return count_words(text) if unit == "words" else count_chars(text)

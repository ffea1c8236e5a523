"""Counting rules for answers: characters as a person sees them, and words (issue 16)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from journal.review.counting import count, count_chars, count_words, graphemes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("abc", 3),
        ("a\r\nb", 3),  # CR LF is one line break
        ("e\u0301", 1),  # e + combining acute accent
        ("\u00e9", 1),  # the same letter precomposed
        ("a\u0308\u0301b", 2),  # two combining marks on one letter
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 1),  # family (ZWJ)
        ("\U0001f3f3\ufe0f\u200d\U0001f308", 1),  # rainbow flag: ZWJ + variation selector
        ("\U0001f44d\U0001f3fd", 1),  # thumbs up, medium skin tone
        ("\U0001f1eb\U0001f1f7", 1),  # flag of France: two regional indicators
        ("\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea", 2),  # France, Germany
        ("\U0001f1eb\U0001f1f7\U0001f1e9", 2),  # a lone indicator after a pair
        ("\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", 1),  # England
        ("\u2764\ufe0f", 1),  # red heart with emoji presentation
        ("1\ufe0f\u20e3", 1),  # keycap 1
        ("\ud55c\uad6d\uc5b4", 3),  # Hangul syllables
        ("\u1100\u1161\u11a8", 1),  # the same syllable as conjoining jamo
        ("\u0915\u094d\u0937\u093f", 1),  # Devanagari conjunct kshi
        ("\u0928\u092e\u0938\u094d\u0924\u0947", 3),  # namaste: na, ma, ste
        ("\u65e5\u672c\u8a9e", 3),  # CJK: one character each
        ("\u0e01\u0e33", 1),  # Thai consonant + SARA AM
        ("a\u200db", 2),  # ZWJ between letters joins nothing but stays with the a
    ],
)
def test_characters_as_seen(text: str, expected: int) -> None:
    assert count_chars(text) == expected
    assert "".join(graphemes(text)) == text


def test_characters_are_not_bytes_or_code_points() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert len(family.encode()) == 18 and len(family) == 5
    assert count_chars(family) == 1


def test_control_characters_are_their_own() -> None:
    assert count_chars("a\tb\n") == 4
    assert list(graphemes("\u0301a")) == ["\u0301", "a"]  # a lone mark starts the text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   ", 0),
        ("one two  three\nfour", 4),
        ("don't stop", 2),
        ("state-of-the-art work", 2),
        ("p95 -34% in Q2", 4),
        ("\u2014 a dash alone \u2014", 3),
        ("Hello, world!", 2),
        ("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8", 8),  # Japanese: one word a character
        ("\u6211\u559c\u6b22 Python", 4),  # Chinese and English mixed
        ("\u4f60\u597d\u3002\u518d\u89c1", 4),  # ideographic full stop between
        ("\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8", 2),  # Korean is written with spaces
        ("cafe\u0301 au lait", 3),  # a combining mark stays inside its word
        ("\U0001f680 launch", 1),  # an emoji alone is no word
    ],
)
def test_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_count_by_unit() -> None:
    assert count("a b c", "words") == 3
    assert count("a b c", "chars") == 5


UNICODE_TEST = Path(__file__).parent.parent / "data" / "unicode" / "GraphemeBreakTest-15.0.0.txt"


def conformance_cases() -> list[tuple[str, list[str]]]:
    """Unicode's own grapheme break tests (GraphemeBreakTest-15.0.0.txt, kept in tests/data
    under the Unicode terms of use); cases using characters this Python's Unicode
    database does not know yet are left out (they would be counted as unassigned)."""
    cases = []
    for raw in UNICODE_TEST.read_text(encoding="utf-8").splitlines():
        line = raw.split("#")[0].strip()
        if not line:
            continue
        clusters, current = [], ""
        for part in line.split()[1:]:
            if part == "\u00f7":
                clusters.append(current)
                current = ""
            elif part != "\u00d7":
                current += chr(int(part, 16))
        text = "".join(clusters)
        if not any(unicodedata.category(ch) == "Cn" for ch in text):
            cases.append((text, clusters))
    return cases


def test_unicode_conformance() -> None:
    cases = conformance_cases()
    assert len(cases) > 500
    wrong = [(t, c) for t, c in cases if list(graphemes(t)) != c]
    assert wrong == []

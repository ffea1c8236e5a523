"""journal.measure: VALUEs and free-text targets as people type them."""

from __future__ import annotations

import pytest

from journal.errors import ValidationError
from journal.measure import check_unit, parse_target_text, parse_value, value_for, with_unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("375", (375.0, "")),
        ("375ms", (375.0, "ms")),
        ("375 ms", (375.0, "ms")),
        ("34%", (34.0, "%")),
        ("1,250", (1250.0, "")),
        ("$1,250", (1250.0, "$")),
        ("-2.5", (-2.5, "")),
        ("12.5 deals", (12.5, "deals")),
        (".5", (0.5, "")),
        ("1,250,000", (1250000.0, "")),
    ],
)
def test_values_it_reads(text: str, expected: tuple[float, str]) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "12,34", "1,2345", "ms 375", "3..4", "1 2"])
def test_values_it_refuses(text: str) -> None:
    with pytest.raises(ValidationError, match="cannot read"):
        parse_value(text)


def test_a_unit_typed_must_be_the_goals() -> None:
    assert value_for("375MS", "ms") == 375
    assert value_for("375", "ms") == 375
    with pytest.raises(ValidationError, match="measured in 'ms'"):
        value_for("3s", "ms")


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("5 deals", (5.0, "deals", None)),
        ("< 300 ms", (300.0, "ms", None)),
        ("7 days (from 14)", (7.0, "days", 14.0)),
        ("99.9%", (99.9, "%", None)),
        ("$2,000,000", (2000000.0, "$", None)),
        ("ship v2", None),
        ("", None),
    ],
)
def test_free_text_targets_offer_a_number(
    text: str, offered: tuple[float, str, float | None] | None
) -> None:
    assert parse_target_text(text) == offered


def test_numbers_with_units_read_as_written() -> None:
    assert with_unit(375.0, "ms") == "375 ms"
    assert with_unit(34.0, "%") == "34%"
    assert with_unit(1250.5, "$") == "$1,250.5"
    assert with_unit(None, "ms") == "?"


def test_e_notation_is_a_number_not_a_unit() -> None:
    assert parse_value("1e3") == (1000.0, "")
    assert parse_value("2.5E-1 ms") == (0.25, "ms")
    assert parse_target_text("2e3") == (2000.0, "", None)


def test_a_number_too_large_for_a_float_is_refused() -> None:
    with pytest.raises(ValidationError, match="too large"):
        parse_value("1e400")
    assert parse_target_text("1e400 users") is None  # free text, not an infinite target


@pytest.mark.parametrize("unit", ["123", "5ms", "-x", "ms ms", "story points"])
def test_a_unit_must_be_one_word_not_starting_like_a_number(unit: str) -> None:
    with pytest.raises(ValidationError, match="unit"):
        check_unit(unit)


def test_a_plain_unit_is_kept() -> None:
    assert [check_unit(u) for u in (" ms ", "%", "$", "story-points", "")] == [
        "ms",
        "%",
        "$",
        "story-points",
        "",
    ]

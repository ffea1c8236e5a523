import pytest

from journal import models
from journal.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        (
            "Lead with the customer problem. Said after the design review.",
            "Lead with the customer problem.",
            "Said after the design review.",
        ),
        ("One line only", "One line only", ""),
        ("Title line\nBody line one\nBody line two", "Title line", "Body line one\nBody line two"),
        ("Is it done? Yes.\nMore", "Is it done?", "Yes.\nMore"),
        ("v1.2 shipped today", "v1.2 shipped today", ""),
    ],
)
def test_split_title(text: str, title: str, body: str) -> None:
    assert models.split_title(text) == (title, body)


def test_normalise_tags_lowercases_and_drops_symbols() -> None:
    assert models.normalise_tags(["@Manager", "#peer", "peer", "Café"]) == [
        "manager",
        "peer",
        "café",
    ]


@pytest.mark.parametrize("bad", ["two words", "", "  ", "a,b"])
def test_tags_must_be_one_word(bad: str) -> None:
    with pytest.raises(ValidationError, match="one word"):
        models.normalise_tags([bad])


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Grow enterprise revenue", "grow-enterprise"),
        ("Cut p95 latency of the checkout API by 30%", "cut-p95-latency-of"),
        ("Café ☕ culture", "cafe-culture"),
        ("☕☕", "goal"),
    ],
)
def test_slugify(title: str, code: str) -> None:
    assert models.slugify(title) == code


def test_slugify_avoids_taken_codes() -> None:
    assert models.slugify("Revenue", {"revenue", "revenue-2"}) == "revenue-3"


@pytest.mark.parametrize("bad", ["Has Space", "-lead", "ünï", ""])
def test_check_code_refuses(bad: str) -> None:
    with pytest.raises(ValidationError, match="code"):
        models.check_code(bad)


def test_check_entry_refuses_unknown_kind() -> None:
    with pytest.raises(
        ValidationError, match="unknown kind 'memo'.*feedback, reflection, win, note"
    ):
        models.check_entry({"kind": "memo", "title": "x"})


def test_check_entry_refuses_sentiment_on_non_feedback() -> None:
    with pytest.raises(ValidationError, match="only applies to feedback"):
        models.check_entry({"kind": "win", "title": "x", "sentiment": "praise"})


@pytest.mark.parametrize("text", ["", "   \n\t", "a\x00b"])
def test_check_text_refuses_empty_and_nul(text: str) -> None:
    with pytest.raises(ValidationError):
        models.check_text(text, "the entry's text")


def test_check_text_refuses_undecodable_arguments() -> None:
    with pytest.raises(ValidationError, match="UTF-8"):
        models.check_text("bad \udcff byte", "the entry's text")


def test_check_text_keeps_odd_but_valid_text_exactly() -> None:
    text = "שלום 👋🏽 [bold]x[/] \t tab \x1b[31m"
    assert models.check_text(text, "x") == text


def test_check_level() -> None:
    assert models.check_level(3, "--level") == 3
    with pytest.raises(ValidationError, match="between 1 and 5"):
        models.check_level(6, "--level")

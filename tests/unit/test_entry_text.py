"""The entry as text for $EDITOR: a header of fields, a blank line, the body."""

import pytest

from journal.entry_text import entry_text, hashtags, parse_entry_text, template
from journal.errors import ValidationError

ENTRY = {
    "id": "e7",
    "kind": "feedback",
    "when": "2026-03-04T17:40:00+01:00",
    "title": "Lead with the customer problem.",
    "body": "Said after the design review.\n\n# not a field: the body may hold anything\nkind: x",
    "tags": ["design"],
    "goals": ["g1"],
    "skills": [],
    "starred": True,
    "source": "Priya",
    "sentiment": "constructive",
}
CODES = {"g1": "revenue"}


def test_text_round_trips_every_field() -> None:
    text = entry_text(ENTRY, CODES)
    assert text.startswith("kind: feedback\n")
    assert "\n\nSaid after the design review." in text
    fields = parse_entry_text(text)
    assert fields == {
        "kind": "feedback",
        "when": "2026-03-04T17:40:00+01:00",
        "title": "Lead with the customer problem.",
        "body": ENTRY["body"],
        "tags": ["design"],
        "goals": ["revenue"],
        "skills": [],
        "starred": True,
        "source": "Priya",
        "sentiment": "constructive",
    }


def test_an_empty_title_comes_from_the_body() -> None:
    fields = parse_entry_text("kind: note\ntitle:\n\nShipped it. Then more.\n")
    assert fields["title"] == "Shipped it."
    assert fields["body"] == "Then more."


def test_a_template_left_empty_is_empty() -> None:
    fields = parse_entry_text(template("note"))
    assert fields["title"] == "" and fields["body"] == ""
    assert fields["when"] == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind: note\ncolour: red\n\nbody", "unknown field 'colour' on line 2"),
        ("kind: note\njust words\n\nbody", "line 2 is not 'field: value'"),
        ("kind: note\nstar: maybe\n\nbody", "star: say yes or no"),
    ],
)
def test_bad_headers_are_explained(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_entry_text(text)


def test_hashtags_in_text_become_tags() -> None:
    assert hashtags("Paired with #Ana on #api-design, see http://x/#anchor and #1; # heading") == [
        "ana",
        "api-design",
    ]
    assert hashtags("no tags") == []


def test_a_line_break_in_a_title_stays_in_the_header() -> None:
    entry = {**ENTRY, "title": "Two\nlines", "body": ""}
    fields = parse_entry_text(entry_text(entry, CODES))
    assert fields["title"] == "Two lines" and fields["body"] == ""
    assert fields["source"] == "Priya"

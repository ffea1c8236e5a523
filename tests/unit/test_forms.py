"""Form files: the parser, its errors by line number, built-in forms and round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.errors import ValidationError
from journal.review.builtin_forms import builtin_forms, find_form
from journal.review.forms import (
    ALL_GOALS,
    ALL_SKILLS,
    FormFileError,
    Limit,
    form_from_record,
    form_markdown,
    parse_form,
)

DATA = Path(__file__).parent.parent / "data" / "forms"
GOALS = {"revenue": "g1", "latency": "g2"}
SKILLS = {"presenting": "s1"}


def parse(text: str, **kw: object) -> object:
    return parse_form(text, goal_codes=GOALS, skill_codes=SKILLS, **kw)  # type: ignore[arg-type]


def test_the_sample_form_file() -> None:
    form = parse_form((DATA / "midyear.md").read_text(), goal_codes=GOALS, skill_codes=SKILLS)
    assert form.name == "mid-year-review-2026" and form.title == "Mid-year review 2026"
    q = form.questions
    assert [x.text for x in q] == [
        "What did you achieve?",
        "Progress on each goal",
        "Rating",
        "How did you grow as a presenter? Give one example.",
        "What would help you (briefly)?",
        "Anything else?",
    ]
    assert q[0].limit == Limit(3500, "chars") and q[0].link is None
    assert q[1].limit == Limit(300, "words") and q[1].link == ALL_GOALS
    assert q[2].rating and q[2].link == ALL_GOALS and q[2].limit is None
    assert q[3].link == {"skill": "s1"} and q[3].limit == Limit(1000, "chars")
    assert q[4].limit is None and q[4].link is None  # "(briefly)" is part of the text
    assert q[5].limit == Limit(100, "words") and q[5].link == ALL_SKILLS


def test_bad_lines_are_all_reported_with_their_numbers() -> None:
    with pytest.raises(FormFileError) as caught:
        parse_form((DATA / "bad.md").read_text(), "bad.md", goal_codes=GOALS, skill_codes=SKILLS)
    lines = [n for n, _ in caught.value.problems]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10]
    message = str(caught.value)
    assert message.startswith("bad.md has 8 bad lines; nothing was saved")
    assert "line 3: not a question" in message
    assert "line 4: the limit 2000000 is out of range" in message
    assert "line 5: cannot read the limit 'limit: 30 pages'" in message
    assert "line 6: the bullet has no question text" in message
    assert "line 7: no goal with the code 'nosuch' (known: latency, revenue)" in message
    assert "line 8: two links" in message
    assert "line 9: a rating is per goal" in message
    assert "line 10: unknown option 'limti: 3 words'" in message  # misspelt: not question text


@pytest.mark.parametrize(
    ("line", "limit"),
    [
        ("- Q (limit: 2000 chars)", Limit(2000, "chars")),
        ("- Q (limit: 2,000 characters)", Limit(2000, "chars")),
        ("- Q (Limit: 1 word)", Limit(1, "words")),
        ("- Q (limit 300 words)", Limit(300, "words")),
        ("- Q (limit: 3 500 chars)", Limit(3500, "chars")),
        ("- Q (limit: 300 words, per goal)", Limit(300, "words")),
    ],
)
def test_limits(line: str, limit: Limit) -> None:
    assert parse(line).questions[0].limit == limit  # type: ignore[attr-defined]


def test_a_goal_link_by_code_is_stored_by_id() -> None:
    form = parse("- How did latency go? (goal: latency) (limit: 50 words)")
    assert form.questions[0].link == {"goal": "g2"}  # type: ignore[attr-defined]


def test_an_empty_file_is_an_error() -> None:
    with pytest.raises(FormFileError, match="no questions"):
        parse("# Title only\n\n")


def test_two_limits_are_refused() -> None:
    with pytest.raises(FormFileError, match="line 1: two limits"):
        parse("- Q (limit: 3 words) (limit: 4 words)")


def test_builtin_forms() -> None:
    forms = builtin_forms()
    assert list(forms) == ["self-assessment", "goals-and-competencies", "quarterly-check-in"]
    self_assessment = [q.text for q in forms["self-assessment"].questions]
    assert self_assessment == [
        "What do I do well?",
        "How could I improve?",
        "What would help me do my best work?",
        "What did I achieve in this period?",
    ]
    goals = forms["goals-and-competencies"].questions
    assert goals[0].rating and goals[0].per_goal
    assert goals[1].per_goal and goals[1].limit is not None
    check_in = [q.text for q in forms["quarterly-check-in"].questions]
    assert check_in == [
        "Progress this quarter",
        "Next priorities",
        "Where I need support",
        "Where I want to develop",
    ]
    assert all(f.builtin for f in forms.values())


def test_find_form_prefers_the_journal_and_names_the_known_ones() -> None:
    mine = parse("- Q", name="self-assessment")
    assert find_form("Self-Assessment", [mine]) is mine  # type: ignore[list-item]
    assert find_form("quarterly-check-in", []).builtin
    with pytest.raises(ValidationError, match="no form 'nope' .*self-assessment"):
        find_form("nope", [])


def test_record_and_markdown_round_trip() -> None:
    form = parse_form((DATA / "midyear.md").read_text(), goal_codes=GOALS, skill_codes=SKILLS)
    assert form_from_record(form.to_record()) == form
    text = form_markdown(form, {"s1": "presenting"})
    again = parse_form(text, goal_codes=GOALS, skill_codes=SKILLS, name=form.name)
    assert again.questions == form.questions


def test_a_damaged_stored_form_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="cannot read"):
        form_from_record({"name": "x", "questions": [{"text": "q", "link": 3}]})

"""Answers to a review's form: slots, limits, plain text out, golden files (issue 16)."""

from __future__ import annotations

import json

import pytest

from journal.errors import ValidationError
from journal.review.answers import (
    answer_text,
    citation,
    find_slot,
    measure,
    plain_text,
    review_form,
    set_answer,
    set_used,
    slots,
)
from journal.review.answers_out import render
from journal.review.assess import assess_store
from journal.review.builtin_forms import builtin_forms
from journal.review.forms import Limit, parse_form
from journal.review.saved import new_review, set_rating
from journal.store.journal_store import JournalStore
from tests.unit.golden.sample import H1, TODAY, build_sample
from tests.unit.test_export import check_golden

FORM = """\
# Mid-year review
- What did I achieve? (limit: 120 chars)
- Progress on the goal (per goal) (limit: 12 words)
- Rating (per goal) (rating)
- How did I grow as a presenter? (skill: presenting)
"""


@pytest.fixture
def filled(store: JournalStore) -> tuple[dict, list]:  # type: ignore[type-arg]
    ids = build_sample(store)
    form = parse_form(
        FORM, goal_codes={"revenue": ids["revenue"]}, skill_codes={"presenting": ids["presenting"]}
    )
    review = new_review(H1)
    review["form"] = form.to_record()
    review = store.reviews.save(review)
    assessment = assess_store(store, H1, review, TODAY)
    found = slots(
        form, [r.goal for r in assessment.company_goals()], [r.skill for r in assessment.skills]
    )
    set_answer(
        review,
        found[0],
        "I **closed** the [Acme](https://acme.example) deal,\n"
        "our largest this year.\n\n- Led pricing\n- Ran the *board* demo \U0001f680",
    )
    set_answer(
        review,
        find_slot(found, 2, "revenue"),
        "Acme signed; Globex renewal on track for July, two more in the pipeline and counting.",
    )
    set_rating(review, ids["revenue"], "Exceeded")
    set_answer(review, found[-1], "Two exec demos; shorter decks since May.")
    return review, found


def test_slots_per_goal_and_per_skill(filled: tuple[dict, list]) -> None:  # type: ignore[type-arg]
    _, found = filled
    assert [s.key.split("/")[0] for s in found] == [
        "1",
        "2",
        "2",
        "2",
        "2",
        "3",
        "3",
        "3",
        "3",
        "4",
    ]
    assert [s.goal["code"] for s in found if s.number == 2] == [
        "revenue",
        "enterprise",
        "latency",
        "hiring",
    ]
    assert found[-1].skill is not None and found[-1].skill["code"] == "presenting"


def test_find_slot_explains(filled: tuple[dict, list]) -> None:  # type: ignore[type-arg]
    _, found = filled
    with pytest.raises(ValidationError, match="no question 9"):
        find_slot(found, 9)
    with pytest.raises(ValidationError, match="once per goal .*revenue, enterprise"):
        find_slot(found, 2)
    with pytest.raises(ValidationError, match="no answer for 'nope'"):
        find_slot(found, 2, "nope")
    assert find_slot(found, 1).number == 1


def test_rating_question_reads_the_rating(filled: tuple[dict, list]) -> None:  # type: ignore[type-arg]
    review, found = filled
    rating = find_slot(found, 3, "revenue")
    assert answer_text(review, rating) == "Exceeded"
    with pytest.raises(ValidationError, match="rating"):
        set_answer(review, rating, "x")


def test_used_evidence_is_kept_beside_the_text(filled: tuple[dict, list]) -> None:  # type: ignore[type-arg]
    review, found = filled
    set_used(review, found[0], "e3", True)
    set_used(review, found[0], "e9", True)
    set_used(review, found[0], "e3", False)
    assert review["answers"]["1"]["used"] == ["e9"]
    assert answer_text(review, found[0]).startswith("I **closed**")


@pytest.mark.parametrize("fmt", ["txt", "md", "json"])
def test_golden_answers(filled: tuple[dict, list], fmt: str) -> None:  # type: ignore[type-arg]
    review, found = filled
    form = review_form(review)
    assert form is not None
    check_golden(f"answers.{fmt}", render(review, form, found, fmt))


def test_plain_text_has_no_marks_or_hard_wraps(filled: tuple[dict, list]) -> None:  # type: ignore[type-arg]
    review, found = filled
    form = review_form(review)
    assert form is not None
    text = render(review, form, found, "txt")
    assert "**" not in text and "](" not in text and "#" not in text
    assert "I closed the Acme (https://acme.example) deal, our largest this year." in text
    data = json.loads(render(review, form, found, "json"))
    assert data["answers"][0]["over"] is False and data["answers"][1]["over"] is True


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("one\ntwo\n\nthree", "one two\n\nthree"),
        ("## Heading\nbody", "Heading\n\nbody"),
        ("__bold__ and _it_ and `code` and ~~gone~~", "bold and it and code and gone"),
        ("[https://x.y](https://x.y)", "https://x.y"),
        ("snake_case_name and 3*4*5", "snake_case_name and 3*4*5"),
        ("C:\\path \\*not em\\*", "C:\\path *not em*"),
        ("> quoted\n> on two lines", "quoted on two lines"),
        ("1. first\n2. second\nwrapped", "1. first\n2. second wrapped"),
        ("a\r\nb", "a b"),
        ("***both***", "both"),
        ("---\n", ""),
    ],
)
def test_plain_text(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_measure_counts_the_plain_text() -> None:
    assert measure("**ab**", Limit(2, "chars")).over is False
    over = measure("e\u0301e\u0301e\u0301", Limit(2, "chars"))
    assert over.count == 3 and over.over
    assert over.describe() == "3 of 2 characters: 1 over"
    assert measure("one two", Limit(2, "words")).describe() == "2 of 2 words"


def test_citation_is_one_dated_line() -> None:
    entry = {"when": "2026-03-04T10:00:00+01:00", "title": "Cut p95\nlatency", "impact": "-34%"}
    assert citation(entry) == "2026-03-04: Cut p95 latency (-34%)"


def test_a_builtin_form_answers_end_to_end(store: JournalStore) -> None:
    build_sample(store)
    form = builtin_forms()["self-assessment"]
    review = new_review(H1)
    review["form"] = form.to_record()
    found = slots(form, [], [])
    set_answer(review, found[3], "Signed Acme.")
    out = render(review, form, found, "txt")
    assert "4. What did I achieve in this period? [12 of 3,500 characters]\nSigned Acme." in out
    assert out.count("(no answer yet)") == 3

"""Plan steps, agreements, feedback woven into a goal, and 1:1 notes, through the store:
what is written, and that a refused change writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal.errors import ValidationError
from journal.planning.agenda import action_items
from journal.planning.describe import plan_lines
from journal.planning.develop import goal_from_feedback, woven_through
from journal.planning.meeting_store import done_action
from journal.planning.plan_store import add_step, agree, done_step, undo_agreement
from journal.store.journal_store import JournalStore
from tests.unit.golden.planning_sample import planning_store


@pytest.fixture
def sample(tmp_path: Path) -> JournalStore:
    return planning_store(tmp_path / "j" / "journal.json")


def test_the_sample_is_woven_as_described(sample: JournalStore) -> None:
    revenue, influence = sample.goals.get("revenue"), sample.goals.get("influence")
    assert [s["text"] for s in revenue["steps"]] == [
        "Co-run the pricing workshop with sales",
        "Close the Initech renewal",
    ]
    assert revenue["steps"][0]["for"] == influence["id"]
    assert revenue["steps"][1]["done_on"] == "2026-11-20"  # the store's clock
    assert influence["supports"] == [revenue["id"]] and influence["why"] == ["e1"]
    assert influence["id"] in sample.entries.get("e1")["goals"]  # linked both ways
    assert influence["agreement"] == {
        "with": "Dana",
        "when": "2026-10-10",
        "support": "Monthly coaching; an intro to the sales VP",
    }
    assert [(g["code"], n) for g, n, _ in woven_through(influence, sample.goals.all())] == [
        ("revenue", 1)
    ]
    assert sample.goals.get("delegation")["title"] == "Improve my delegation"


def test_plan_lines_show_agreement_steps_and_where_a_goal_is_pursued(sample: JournalStore) -> None:
    lines = plan_lines(sample.goals.get("influence"), sample.goals.all(), sample.skills.all())
    assert lines == [
        "Agreement: agreed with Dana on 2026-10-10; support: Monthly coaching; "
        "an intro to the sales VP",
        "Plan: no steps yet (journal goal step add)",
        "Pursued through:",
        "  revenue step 1: Co-run the pricing workshop with sales",
    ]
    lines = plan_lines(sample.goals.get("revenue"), sample.goals.all(), sample.skills.all())
    assert lines[2] == "  1. [ ] Co-run the pricing workshop with sales (for influence)"
    assert lines[3] == "  2. [x] Close the Initech renewal (due 2027-02-28, done 2026-11-20)"


def unchanged(store: JournalStore) -> bytes:
    return Path(store.path).read_bytes()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda s: add_step(s, "revenue", "x", serves="onboarding"), "is a company goal"),
        (lambda s: add_step(s, "revenue", "x", serves="nobody"), "no personal goal or skill"),
        (
            lambda s: add_step(s, "influence", "x", serves="influence"),
            "cannot serve the goal itself",
        ),
        (lambda s: add_step(s, "revenue", "   "), "the step's text is empty"),
        (lambda s: add_step(s, "nope", "x"), "no goal 'nope'"),
        (lambda s: done_step(s, "revenue", 3), "revenue has steps 1-2, so there is no step 3"),
        (lambda s: done_step(s, "enterprise", 1), "enterprise has no steps yet"),
        (lambda s: agree(s, "influence", " "), "who the goal was agreed with"),
        (lambda s: undo_agreement(s, "revenue"), "revenue has no agreement to undo"),
        (lambda s: goal_from_feedback(s, "e2"), "e2 is a win, not feedback"),
        (lambda s: goal_from_feedback(s, "e1", into="influence"), "is a personal goal"),
        (lambda s: goal_from_feedback(s, "e1", title="Improve my delegation"), "already exists"),
        (lambda s: done_action(s, 9), "there is no action item 9 (items 1-3)"),
    ],
)
def test_a_refused_change_says_why_and_writes_nothing(sample: JournalStore, change, said) -> None:
    before = unchanged(sample)
    with pytest.raises(ValidationError, match=None) as err:
        change(sample)
    assert said in str(err.value)
    assert unchanged(sample) == before


def test_undo_and_agreement_removal(sample: JournalStore) -> None:
    done_step(sample, "revenue", 2, undo=True)
    assert sample.goals.get("revenue")["steps"][1]["done_on"] is None
    assert undo_agreement(sample, "influence")["agreement"] is None
    agree(sample, "revenue", "Dana")
    assert sample.goals.get("revenue")["agreement"]["when"] == "2026-11-20"


def test_action_done_marks_the_numbered_item_in_its_meeting(sample: JournalStore) -> None:
    items = action_items(sample.raw_entries())
    assert [(a.number, a.text, bool(a.done_on)) for a in items] == [
        (1, "Draft the pricing memo", False),
        (2, "Book the course", True),
        (3, "Ask finance for the numbers", False),
    ]
    done_action(sample, 3)
    assert action_items(sample.raw_entries())[2].done_on == "2026-11-20"
    done_action(sample, 3, undo=True)
    assert action_items(sample.raw_entries())[2].done_on is None


def test_stored_fields_are_checked_by_the_model(sample: JournalStore) -> None:
    from journal.models import check_entry, check_goal

    bad_goal = {**sample.goals.get("revenue"), "steps": [{"text": "x", "due": "soon"}]}
    with pytest.raises(ValidationError, match="step 1's due date"):
        check_goal(bad_goal)
    with pytest.raises(ValidationError, match="agreement's 'with'"):
        check_goal({**sample.goals.get("revenue"), "agreement": {"with": ""}})
    with pytest.raises(ValidationError, match="action 1"):
        check_entry({**sample.entries.get("e4"), "actions": [{"text": 3}]})
    assert date.fromisoformat(sample.goals.get("influence")["agreement"]["when"])

"""The weekly review's domain: question sets, the week's material, last week's top three,
the one write of reflection plus check-ins, and the kept draft."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.coach.questions import DEFAULT, GROW, TOP_THREE, load_question_set, parse_questions
from journal.coach.weekly import (
    CheckinAnswer,
    WeeklyDraft,
    compose_body,
    keep_draft,
    last_top_three,
    load_draft,
    parse_top_three,
    save_weekly,
    week_material,
)
from journal.errors import ValidationError
from journal.storage import fileops
from journal.store.journal_store import JournalStore

NOW = datetime(2026, 12, 2, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def test_parser_reads_one_question_per_bullet() -> None:
    text = """# My set

Some notes that are not questions.

- What moved the needle?
* Who should hear
  about it?
1. What will I drop?
- [ ] My top three for next week
-
not a bullet
"""
    assert parse_questions(text) == (
        "What moved the needle?",
        "Who should hear about it?",
        "What will I drop?",
        "My top three for next week",
    )


def test_parser_refuses_a_file_without_bullets() -> None:
    with pytest.raises(ValidationError, match="one question per bullet"):
        parse_questions("# Title\n\nJust prose.\n")


def test_built_in_sets_and_a_file(tmp_path: Path) -> None:
    assert load_question_set("default").questions == DEFAULT
    assert load_question_set("GROW").questions[:4] == GROW[:4]
    assert [q.split(":")[0] for q in GROW[:4]] == ["Goal", "Reality", "Options", "Will"]
    assert DEFAULT[-1] == TOP_THREE
    path = tmp_path / "mine.md"
    path.write_text("- One?\n- Two?\n")
    assert load_question_set(str(path)).questions == ("One?", "Two?")
    with pytest.raises(ValidationError, match="use 'default', 'grow' or a Markdown file"):
        load_question_set(str(tmp_path / "missing.md"))


def test_week_material_is_the_last_seven_days(tmp_path: Path) -> None:
    def at(days: int) -> str:
        return (NOW - timedelta(days=days)).isoformat()

    entries = [
        {"id": "e1", "kind": "win", "when": at(6), "goals": ["g1"]},
        {"id": "e2", "kind": "win", "when": at(7), "goals": ["g2"]},
        {"id": "e3", "kind": "feedback", "when": at(1), "goals": []},
        {"id": "e4", "kind": "checkin", "when": at(2), "goals": ["g3"]},
        {"id": "e5", "kind": "reflection", "when": at(1), "tags": ["weekly"], "goals": ["g4"]},
    ]
    material = week_material(entries, NOW.date())
    assert [e["id"] for e in material.entries] == ["e1"]
    assert [e["id"] for e in material.feedback] == ["e3"]
    assert [e["id"] for e in material.checkins] == ["e4"]
    assert material.goal_ids == ["g3", "g1"]


def test_last_top_three_and_carrying_forward() -> None:
    old = WeeklyDraft(questions=list(DEFAULT), top_three=["Ship it", "Write the doc"])
    body = compose_body(old)
    entries = [
        {
            "id": "e1",
            "kind": "reflection",
            "tags": ["weekly"],
            "body": body,
            "when": (NOW - timedelta(days=7)).isoformat(),
        }
    ]
    assert last_top_three(entries, NOW) == ["Ship it", "Write the doc"]
    assert last_top_three(entries, NOW - timedelta(days=8)) == []
    new = WeeklyDraft(
        questions=list(DEFAULT),
        carried={"Ship it": True, "Write the doc": False},
        top_three=["Write the doc", "Plan Q1"],
        answers={DEFAULT[0]: "Shipped.", DEFAULT[1]: "  "},
    )
    assert compose_body(new) == (
        "## Last week's top three\n\n- [x] Ship it\n- [ ] Write the doc\n\n"
        f"## {DEFAULT[0]}\n\nShipped.\n\n"
        f"## {TOP_THREE}\n\n- [ ] Write the doc\n- [ ] Plan Q1"
    )
    assert parse_top_three("- [ ] a\nb; c\n\n") == ["a", "b", "c"]


def test_save_is_one_write_of_the_reflection_and_its_checkins(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal.json", clock=lambda: NOW)
    goal = store.goals.add(
        "Latency", code="latency", metric={"unit": "ms", "baseline": 500, "target": 200}
    )
    store.goals.add("Revenue", code="revenue")
    draft = WeeklyDraft(
        questions=list(DEFAULT),
        answers={DEFAULT[0]: "Faster pages."},
        goals=[goal["id"]],
        checkins=[CheckinAnswer(goal["id"], "375ms", "high")],
    )
    keep_draft(store.path, draft)
    before = fileops.saves_completed
    saved = save_weekly(store, draft, NOW)
    assert fileops.saves_completed == before + 1
    reflection, checkin = saved
    assert reflection["kind"] == "reflection"
    assert reflection["tags"] == ["weekly"]
    assert reflection["title"] == "Weekly review 2026-W49"
    assert reflection["goals"] == [goal["id"]]
    assert reflection["body"] == f"## {DEFAULT[0]}\n\nFaster pages."
    assert (checkin["kind"], checkin["value"], checkin["confidence"]) == ("checkin", 375, "high")
    assert load_draft(store.path) is None
    assert len(JournalStore(store.path).entries.all()) == 2


def test_a_bad_checkin_writes_nothing_and_keeps_the_draft(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal.json")
    goal = store.goals.add(
        "Latency", code="latency", metric={"unit": "ms", "baseline": 500, "target": 200}
    )
    draft = WeeklyDraft(questions=list(DEFAULT), checkins=[CheckinAnswer(goal["id"], "3 kg")])
    keep_draft(store.path, draft)
    with pytest.raises(ValidationError):
        save_weekly(store, draft, NOW)
    assert store.entries.all() == []
    assert load_draft(store.path) is not None


def test_a_kept_draft_comes_back_whole(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    draft = WeeklyDraft(
        questions=["Q?"],
        answers={"Q?": "A"},
        carried={"x": True},
        top_three=["y"],
        goals=["g1"],
        checkins=[CheckinAnswer("g1", "3")],
        replies=["A", "y"],
    )
    keep_draft(journal, draft)
    kept = load_draft(journal)
    assert kept is not None
    assert kept[0] == draft
    (tmp_path / "journal.json-draft").write_text('{"weekly": {"fields": {"nope": 1}}}')
    assert load_draft(journal) is None

"""The weekly walk: prompts in order, errors re-ask, a kept draft resumes by replay."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from journal.coach.walk import WeeklyWalk
from journal.errors import ValidationError

NOW = datetime(2026, 12, 2, 18, 0, tzinfo=timezone(timedelta(hours=1)))
GOALS = [
    {
        "id": "g1",
        "code": "latency",
        "title": "Latency",
        "status": "active",
        "metric": {"unit": "ms", "baseline": 500.0, "target": 200.0, "start": "2026-11-01"},
    },
    {"id": "g2", "code": "revenue", "title": "Revenue", "status": "active"},
]


def resolve(ref: str) -> dict[str, Any]:
    for goal in GOALS:
        if ref in (goal["id"], goal["code"]):
            return goal
    raise ValidationError(f"no goal {ref!r}")


def walk(replies: list[str] = []) -> WeeklyWalk:  # noqa: B006 - never mutated
    return WeeklyWalk(
        ["Q1?", "My top three for next week"], [], GOALS, NOW, ["g2"], resolve, replies
    )


def test_prompts_in_order_with_errors_asked_again() -> None:
    w = walk()
    steps = []
    for reply in ["An answer", "Ship", "", "3 kg", "375", "sure", "high", "nope", "all"]:
        assert w.prompt is not None
        steps.append((w.prompt.step, w.prompt.error is not None))
        w.answer(reply)
    assert steps == [
        ("question", False),
        ("item", False),
        ("item", False),
        ("value", False),
        ("value", True),
        ("confidence", False),
        ("confidence", True),
        ("goals", False),
        ("goals", True),
    ]
    assert w.done
    assert w.draft.answers == {"Q1?": "An answer"}
    assert w.draft.top_three == ["Ship"]
    assert [(c.goal, c.value, c.confidence) for c in w.draft.checkins] == [("g1", "375", "high")]
    assert w.draft.goals == ["g2"]


def test_replay_of_kept_replies_resumes_at_the_same_prompt() -> None:
    first = walk()
    for reply in ["An answer", "Ship", "Doc"]:
        first.answer(reply)
    again = walk(first.replies)
    assert again.prompt == first.prompt
    assert again.draft == first.draft


@pytest.mark.parametrize("reply", ["", "  "])
def test_blank_value_skips_the_checkin(reply: str) -> None:
    w = walk(["A", "", reply])
    assert w.prompt is not None and w.prompt.step == "goals"
    assert w.draft.checkins == []

"""`journal goal list`: the same goal tree as the Goals screen, and overdue goals flagged."""

from __future__ import annotations

import json

from tests.cli.conftest import Run


def test_a_personal_goal_shows_under_every_goal_it_supports(journal: Run) -> None:
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue")
    journal("goal", "add", "Cut checkout latency", "--code", "latency")
    journal(
        "goal",
        "add",
        "Influence across teams",
        "--personal",
        "--code",
        "influence",
        "--supports",
        "revenue",
        "--supports",
        "latency",
    )
    lines = journal("goal", "list").stdout.splitlines()
    under = [i for i, line in enumerate(lines) if line.lstrip().startswith("influence")]
    assert len(under) == 2, lines
    assert all(lines[i].startswith("  ") for i in under)
    parents = [lines[i - 1].split()[0] for i in under]
    assert sorted(parents) == ["latency", "revenue"]
    goals = json.loads(journal("goal", "list", "--json").stdout)
    assert [g["code"] for g in goals].count("influence") == 1


def test_an_overdue_active_goal_is_flagged(journal: Run) -> None:
    journal("goal", "add", "Ship the beta", "--code", "beta", "--due", "2025-01-31")
    journal("goal", "add", "Far away", "--code", "later", "--due", "2099-01-31")
    lines = {line.split()[0]: line for line in journal("goal", "list").stdout.splitlines()}
    assert "overdue" in lines["beta"] and "overdue" not in lines["later"]
    goals = {g["code"]: g for g in json.loads(journal("goal", "list", "--json").stdout)}
    assert goals["beta"]["overdue"] is True and goals["later"]["overdue"] is False

"""`journal weekly` driven through standard input: the saved entries, the draft kept on a
stop and picked up again, a question set from a file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run

# Seven default questions (the seventh is the top three: two items, then a blank line),
# a check-in on `latency` (value, confidence), then the goals to link.
ANSWERS = "Shipped the cache\nCaching\nAlex\n\n\nTime\nShip it\nWrite the doc\n\n375ms\nhigh\nall\n"


def setup(journal: Run, tmp_path: Path) -> dict[str, str]:
    env = {"JOURNAL_CONFIG": str(tmp_path / "none.toml")}
    added = journal("goal", "add", "Latency", "--code", "latency", env=env)
    assert added.returncode == 0, added.stderr
    edited = journal(
        "goal", "edit", "latency", "--baseline", "500", "--target", "200", "--unit", "ms", env=env
    )
    assert edited.returncode == 0, edited.stderr
    assert journal("add", "win", "Cache in.", "--goal", "latency", env=env).returncode == 0
    return env


def entries(journal: Run, env: dict[str, str]) -> list[dict[str, object]]:
    listed = journal("list", "--json", env=env)
    return list(reversed(json.loads(listed.stdout)))


def test_weekly_saves_one_reflection_and_its_checkin(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    result = journal("weekly", input=ANSWERS, env=env)
    assert result.returncode == 0, result.stderr
    assert "Your week:" in result.stdout
    assert "Cache in." in result.stdout
    assert "[1/7] What went well, and what was its impact?" in result.stdout
    assert "Saved e2: Weekly review" in result.stdout
    assert "and 1 check-in. Weekly review streak: 1 week." in result.stdout
    _, reflection, checkin = entries(journal, env)
    assert reflection["kind"] == "reflection"
    assert reflection["tags"] == ["weekly"]
    assert reflection["goals"] == ["latency"]
    body = str(reflection["body"])
    assert "## What went well, and what was its impact?\n\nShipped the cache" in body
    assert "## Whom did I help?\n\nAlex" in body
    assert "What was hard" not in body  # skipped
    assert "## My top three for next week\n\n- [ ] Ship it\n- [ ] Write the doc" in body
    assert checkin["kind"] == "checkin"
    assert checkin["goals"] == ["latency"]
    coach = json.loads(journal("coach", "--json", env=env).stdout)
    assert "weekly-review-due" not in [n["kind"] for n in coach]


def test_next_week_ticks_last_weeks_top_three(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    assert journal("weekly", input=ANSWERS, env=env).returncode == 0
    again = "\n" * 6 + "y\nn\nPlan Q1\n\n\n\n"
    result = journal("weekly", input=again, env=env)
    assert result.returncode == 0, result.stderr
    assert "Ship it: done? [y/N]" in result.stdout
    assert "carried: Write the doc" in result.stdout
    body = str(entries(journal, env)[-1]["body"])
    assert body == (
        "## Last week's top three\n\n- [x] Ship it\n- [ ] Write the doc\n\n"
        "## My top three for next week\n\n- [ ] Write the doc\n- [ ] Plan Q1"
    )


def test_stopping_midway_keeps_a_draft_that_is_picked_up(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    stopped = journal("weekly", input="Shipped the cache\nCaching\n", env=env)
    assert stopped.returncode == 1
    assert "your answers are kept" in stopped.stderr
    assert len(entries(journal, env)) == 1  # nothing saved yet
    rest = ANSWERS.split("\n", 2)[2]
    resumed = journal("weekly", input=rest, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert "Picking up the draft" in resumed.stdout
    assert "[3/7] Whom did I help?" in resumed.stdout
    assert "[1/7]" not in resumed.stdout
    body = str(entries(journal, env)[1]["body"])
    assert "Shipped the cache" in body
    assert "Caching" in body
    assert "Alex" in body


def test_fresh_starts_over_and_questions_come_from_a_file(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    assert journal("weekly", input="Old answer\n", env=env).returncode == 1
    questions = tmp_path / "q.md"
    questions.write_text("# Mine\n\n- What moved?\n- Who knows?\n")
    result = journal(
        "weekly", "--fresh", "--questions", str(questions), input="The cache\n\n\n\n\n", env=env
    )
    assert result.returncode == 0, result.stderr
    assert "[1/2] What moved?" in result.stdout
    body = str(entries(journal, env)[1]["body"])
    assert body == "## What moved?\n\nThe cache"


def test_bad_question_set_is_a_usage_error(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    (tmp_path / "q.md").write_text("no bullets here\n")
    result = journal("weekly", "--questions", str(tmp_path / "q.md"), input="", env=env)
    assert result.returncode == 2
    assert "one question per bullet" in result.stderr

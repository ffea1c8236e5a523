"""`journal coach`: nudges as text and JSON, -n, snooze/dismiss/wake, settings from the
config file named by $JOURNAL_CONFIG."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

from tests.cli.conftest import Run


def setup(journal: Run, tmp_path: Path) -> dict[str, str]:
    env = {"JOURNAL_CONFIG": str(tmp_path / "config.toml")}
    assert journal("goal", "add", "Grow revenue", "--code", "revenue", env=env).returncode == 0
    assert (
        journal("goal", "add", "Influence", "--personal", "--code", "influence", env=env).returncode
        == 0
    )
    added = journal(
        "add",
        "feedback",
        "Lead with the problem.",
        "--from",
        "Priya",
        "--sentiment",
        "constructive",
        "--when",
        "10 days ago",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    return env


def test_coach_json_lists_kind_about_reason_action(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    result = journal("coach", "--json", env=env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(n["kind"], n["about"]) for n in found] == [
        ("weekly-review-due", "weekly"),
        ("feedback-to-act-on", "e1"),
        ("unsmart-goal", "influence"),
    ]
    for nudge in found:
        assert {"kind", "about", "reason", "action"} <= set(nudge)
    assert found[1]["reason"] == (
        "constructive feedback from Priya, 10 days old, linked to no skill or personal goal"
    )
    assert found[1]["action"] == 'journal skill add "SKILL TO DEVELOP" --from-entry e1'
    assert len(json.loads(journal("coach", "--json", "-n", "1", env=env).stdout)) == 1


def test_coach_text_shows_each_nudge_with_its_command(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    result = journal("coach", "-n", "2", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "3 nudges (weekly review streak: 0 weeks)"
    assert "do: journal weekly" in result.stdout
    assert "... and 1 more: journal coach -n 0" in result.stdout


def test_snooze_dismiss_and_wake_persist(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    until = (date.today() + timedelta(days=14)).isoformat()
    snoozed = journal("coach", "snooze", "feedback-to-act-on:e1", "--for", "2w", env=env)
    assert snoozed.returncode == 0, snoozed.stderr
    assert until in snoozed.stdout
    assert journal("coach", "dismiss", "unsmart-goal:influence", env=env).returncode == 0
    kinds = [n["kind"] for n in json.loads(journal("coach", "--json", env=env).stdout)]
    assert kinds == ["weekly-review-due"]
    assert journal("coach", "wake", "unsmart-goal:influence", env=env).returncode == 0
    kinds = [n["kind"] for n in json.loads(journal("coach", "--json", env=env).stdout)]
    assert kinds == ["weekly-review-due", "unsmart-goal"]
    assert journal("doctor", env=env).returncode == 0


def test_bad_keys_and_durations_are_usage_errors(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    bad = journal("coach", "snooze", "revenue", env=env)
    assert bad.returncode == 2
    assert "not a nudge key: use KIND:ABOUT" in bad.stderr
    bad = journal("coach", "snooze", "quiet-goal:revenue", "--for", "soon", env=env)
    assert bad.returncode == 2
    assert "3d, 2w or 1m" in bad.stderr
    assert journal("coach", "wake", "quiet-goal:revenue", env=env).returncode == 2


def test_settings_come_from_the_config_file(journal: Run, tmp_path: Path) -> None:
    env = setup(journal, tmp_path)
    Path(env["JOURNAL_CONFIG"]).write_text(
        '[coach]\ndisabled = ["weekly-review-due", "unsmart-goal"]\nfeedback_days = 30\n'
    )
    assert json.loads(journal("coach", "--json", env=env).stdout) == []
    empty = journal("coach", env=env)
    assert empty.stdout.startswith("Nothing to nudge about")
    Path(env["JOURNAL_CONFIG"]).write_text("[coach]\nfeedback_days = 'x'\n")
    bad = journal("coach", env=env)
    assert bad.returncode == 2
    assert "feedback_days must be a whole number of days" in bad.stderr


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result


def test_a_snooze_longer_than_ten_years_is_refused_with_a_message(journal: Run) -> None:
    ok(journal("add", "note", "x"))
    for length in ("3000000d", "9999999999d", "99999m", "9" * 5000):
        out = journal("coach", "snooze", "weekly-review-due:weekly", "--for", length)
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-300:]
    out = journal("coach", "snooze", "weekly-review-due:weekly", "--for", "3651d")
    assert out.returncode == 2 and "coach dismiss" in out.stderr
    ok(journal("coach", "snooze", "weekly-review-due:weekly", "--for", "520w"))


def test_a_key_naming_nothing_in_the_journal_is_refused(journal: Run) -> None:
    ok(journal("goal", "add", "Revenue", "--code", "revenue"))
    out = journal("coach", "dismiss", "quiet-goal:revnue")
    assert out.returncode == 2 and "quiet-goal:revenue" in out.stderr, out.stderr
    assert journal("coach", "snooze", "idle-skill:none", "--for", "3d").returncode == 2
    ok(journal("coach", "dismiss", "quiet-goal:revenue"))
    ok(journal("coach", "dismiss", "quiet-goal:revenue"))  # already dismissed: still known

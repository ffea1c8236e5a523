"""Issue 12: what a new user tripped over on the command line (dates, wording, skills,
exports, usage messages), through the installed executable."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run


def test_days_ago_with_a_time_and_a_future_date_warned(journal: Run) -> None:
    past = journal("add", "note", "Sync with Priya", "--when", "3 days ago 4pm")
    assert past.returncode == 0, past.stderr
    assert " 16:00: " in past.stdout and past.stderr == ""
    future = journal("add", "win", "Shipped it", "--when", "in 3 days")
    assert future.returncode == 0, future.stderr
    assert "added" in future.stdout
    assert "in the future" in future.stderr and "e2" in future.stderr
    entries = json.loads(journal("list", "--json").stdout)
    assert [e["title"] for e in entries] == ["Shipped it", "Sync with Priya"]  # kept, as typed


def test_a_goal_is_due_at_the_end_of_a_month_or_the_year(journal: Run) -> None:
    month = journal("goal", "add", "Ship onboarding", "--code", "onb", "--due", "March 2030")
    year = journal("goal", "add", "Grow revenue", "--code", "rev", "--due", "end of year")
    assert month.returncode == 0 and year.returncode == 0, month.stderr + year.stderr
    goals = {g["code"]: g for g in json.loads(journal("goal", "list", "--json").stdout)}
    assert goals["onb"]["due"] == "2030-03-31"
    assert goals["rev"]["due"].endswith("-12-31")
    bad = journal("goal", "add", "Vague", "--due", "someday")
    assert bad.returncode == 2 and "end of year" in bad.stderr and "ago" not in bad.stderr


def test_skill_add_from_the_same_feedback_three_times_makes_one_skill(journal: Run) -> None:
    assert journal("add", "feedback", "Slow down in demos.", "--from", "Ana").returncode == 0
    first = journal("skill", "add", "Presenting", "--from-entry", "e1")
    assert first.returncode == 0, first.stderr
    for _ in range(2):
        again = journal("skill", "add", "presenting", "--from-entry", "e1")
        assert again.returncode == 2
        assert "already exists" in again.stderr and "presenting" in again.stderr
    skills = json.loads(journal("skill", "list", "--json").stdout)
    assert [s["code"] for s in skills] == ["presenting"]


def test_a_skill_target_below_its_level_is_refused(journal: Run) -> None:
    low = journal("skill", "add", "Negotiating", "--level", "4", "--target", "2")
    assert low.returncode == 2 and "--target" in low.stderr and "below" in low.stderr
    assert json.loads(journal("skill", "list", "--json").stdout) == []
    assert journal("skill", "add", "Negotiating", "--level", "3", "--target", "3").returncode == 0


def test_review_export_refuses_a_file_name_that_names_no_format(
    journal: Run, tmp_path: Path
) -> None:
    assert journal("add", "win", "Closed Acme.").returncode == 0
    for name in ("x.docx", "review"):
        result = journal("review", "export", "--period", "this year", "-o", str(tmp_path / name))
        assert result.returncode == 2, (name, result.stderr)
        assert ".md" in result.stderr and "--format" in result.stderr
        assert not (tmp_path / name).exists()
    kept = journal(
        "review",
        "export",
        "--period",
        "this year",
        "--format",
        "txt",
        "-o",
        str(tmp_path / "review"),
    )
    assert kept.returncode == 0, kept.stderr  # a format said outright needs no suffix
    assert (tmp_path / "review").read_text().strip()


def test_review_export_to_a_folder_says_so_at_once(journal: Run, tmp_path: Path) -> None:
    assert journal("add", "win", "Closed Acme.").returncode == 0
    folder = tmp_path / "out.md"
    folder.mkdir()
    for extra in ([], ["--force"]):
        result = journal("review", "export", "--period", "this year", "-o", str(folder), *extra)
        assert result.returncode == 2
        assert "is a folder" in result.stderr and "--force" not in result.stderr


def test_add_without_a_kind_says_the_kind_is_missing(journal: Run) -> None:
    result = journal("add", "Met with Priya")
    assert result.returncode == 2
    assert "kind" in result.stderr and "feedback, reflection, win, note" in result.stderr
    assert "journal add note" in result.stderr  # how to say it
    assert "required: TEXT" not in result.stderr
    assert not journal.db.exists()  # type: ignore[attr-defined]
    no_text = journal("add", "note")
    assert no_text.returncode == 2 and "TEXT" in no_text.stderr


def test_an_unknown_list_flag_prints_the_list_usage(journal: Run) -> None:
    result = journal("list", "--since", "monday")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: journal list ")
    assert "unrecognized arguments: --since monday" in result.stderr
    nested = journal("goal", "add", "Ship", "--owner", "me")
    assert nested.returncode == 2 and nested.stderr.startswith("usage: journal goal add ")


def test_link_takes_a_bare_number_as_an_entry_id(journal: Run) -> None:
    assert journal("add", "win", "Closed Acme.").returncode == 0
    assert journal("goal", "add", "Grow revenue", "--code", "revenue").returncode == 0
    result = journal("link", "1", "--goal", "revenue")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("e1 ") and "@revenue" in result.stdout


def test_doctor_counts_read_like_english(journal: Run) -> None:
    assert journal("add", "win", "Closed Acme.").returncode == 0
    assert journal("skill", "add", "Presenting").returncode == 0
    result = journal("doctor")
    assert "1 entry, 0 goals, 1 skill, 0 reviews;" in result.stdout, result.stdout

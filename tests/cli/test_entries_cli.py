import json
from datetime import date, timedelta

import pytest

from tests.cli.conftest import Run


def last_friday(today: date) -> date:
    back = (today.weekday() - 4) % 7 or 7
    return today - timedelta(days=back)


def test_done_means_feedback_on_a_company_goal(journal: Run) -> None:
    assert journal("goal", "add", "Grow enterprise revenue", "--code", "revenue").returncode == 0
    added = journal(
        "add",
        "feedback",
        "Lead with the customer problem. Said after the design review.",
        "--from",
        "Priya",
        "--sentiment",
        "constructive",
        "--when",
        "last friday",
        "--goal",
        "revenue",
    )
    assert added.returncode == 0, added.stderr
    entry_id = added.stdout.split()[0]
    listed = journal("list", "--goal", "revenue", "--json")
    assert listed.returncode == 0
    [entry] = json.loads(listed.stdout)
    assert entry["id"] == entry_id
    assert entry["when"][:10] == last_friday(date.today()).isoformat()
    assert entry["goals"] == ["revenue"]
    assert entry["source"] == "Priya" and entry["sentiment"] == "constructive"
    assert entry["title"] == "Lead with the customer problem."
    assert entry["body"] == "Said after the design review."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "memo", "x"], "unknown kind 'memo'"),
        (["add", "note", "x", "--when", "someday soon"], "someday soon"),
        (["add", "note", "x", "--goal", "nope"], "no goal 'nope'"),
        (["add", "note", "   "], "empty"),
        (["add", "win", "x", "--sentiment", "praise"], "only applies to feedback"),
        (["add", "feedback", "x", "--sentiment", "meh"], "unknown sentiment"),
        (["list", "--period", "the before times"], "the before times"),
        (["link", "e1"], "at least one --goal or --skill"),
        (["link", "e99", "--goal", "revenue"], "no entry 'e99'"),
        (["goal", "add", "Dup", "--code", "revenue"], "already exists"),
        (["skill", "add", "Talk", "--level", "7"], "between 1 and 5"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(journal: Run, args: list[str], message: str) -> None:
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue")
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    result = journal(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_unreadable_journal_exits_1(journal: Run) -> None:
    journal.db.parent.mkdir(parents=True)  # type: ignore[attr-defined]
    journal.db.write_bytes(b"{oops")  # type: ignore[attr-defined]
    result = journal("add", "note", "hello")
    assert result.returncode == 1
    assert str(journal.db) in result.stderr and "left untouched" in result.stderr  # type: ignore[attr-defined]
    assert journal.db.read_bytes() == b"{oops"  # type: ignore[attr-defined]


def test_list_filters_and_limit(journal: Run) -> None:
    journal("add", "win", "Closed Acme", "--tag", "customer", "--star", "--when", "2026-04-29")
    journal("add", "note", "Quiet day", "--when", "2026-05-01")
    journal(
        "add",
        "reflection",
        "Why the migration slipped",
        "--tag",
        "customer",
        "--when",
        "2026-02-14",
    )
    lines = journal("list", "--tag", "customer").stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["e1", "e3"]
    assert journal("list", "-n", "1").stdout.split()[0] == "e2"
    assert journal("list", "--starred").stdout.split()[0] == "e1"
    assert journal("list", "--search", "MIGRATION").stdout.split()[0] == "e3"
    assert journal("list", "--period", "2026-04-01..2026-04-30").stdout.split()[0] == "e1"
    assert journal("list", "--kind", "note").stdout.split()[0] == "e2"


def test_link_shows_codes(journal: Run) -> None:
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue")
    journal("skill", "add", "Presenting to leadership", "--code", "presenting")
    journal("add", "reflection", "VP talk")
    result = journal("link", "e1", "--goal", "revenue", "--skill", "presenting")
    assert result.returncode == 0
    assert "@revenue" in result.stdout and "+presenting" in result.stdout
    [entry] = json.loads(journal("list", "--json").stdout)
    assert entry["goals"] == ["revenue"] and entry["skills"] == ["presenting"]


def test_add_reads_stdin_and_refuses_bad_utf8(journal: Run) -> None:
    ok = journal("add", "note", "-", input="From stdin.\nSecond line")
    assert ok.returncode == 0
    bad = journal("add", "note", "-", input=b"caf\xe9")
    assert bad.returncode == 2
    assert b"UTF-8" in bad.stderr


def test_odd_unicode_round_trips_exactly(journal: Run) -> None:
    text = "שלום 👋🏽 [bold]x[/]\ttab"
    assert journal("add", "note", text).returncode == 0
    [entry] = json.loads(journal("list", "--json").stdout)
    assert entry["title"] == text


def test_control_characters_are_made_visible_in_list(journal: Run) -> None:
    journal("add", "note", "evil \x1b]52;c;aGk=\x07 title \x9b6n")
    out = journal("list").stdout
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "␛]52;c;aGk=␇" in out


def test_goal_and_skill_lists(journal: Run) -> None:
    journal("goal", "add", "Grow enterprise revenue", "--code", "revenue", "--due", "2026-06-30")
    journal(
        "goal",
        "add",
        "Influence across teams",
        "--personal",
        "--supports",
        "revenue",
        "--code",
        "influence",
        "--measure",
        "cross-team projects",
        "--target",
        "2",
    )
    journal("skill", "add", "Presenting", "--level", "2", "--target", "4", "--plan", "VP talk")
    journal("add", "win", "x", "--goal", "influence")
    goals = json.loads(journal("goal", "list", "--json").stdout)
    assert [g["code"] for g in goals] == ["revenue", "influence"]
    assert goals[0]["evidence_count"] == 1 and goals[0]["due"] == "2026-06-30"
    assert goals[1]["supports"] == ["revenue"]
    text = journal("goal", "list").stdout
    assert "  influence" in text
    skills = json.loads(journal("skill", "list", "--json").stdout)
    assert skills[0]["level"] == 2 and skills[0]["target_level"] == 4


def test_help_explains(journal: Run) -> None:
    result = journal("--help")
    assert result.returncode == 0
    for word in ("add", "list", "goal", "skill", "link", "--demo", "JOURNAL_DB"):
        assert word in result.stdout
    assert "last friday" in journal("add", "--help").stdout


def test_python_dash_m_works(journal: Run, tmp_path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "journal", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "journal" in result.stdout


def test_a_hand_edited_record_gets_a_message_not_a_traceback(journal: Run) -> None:
    journal("add", "note", "hello")
    db = journal.db  # type: ignore[attr-defined]
    db.write_bytes(db.read_bytes().replace(b'"kind":"note",', b""))
    result = journal("list")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "journal doctor" in result.stderr and str(db) in result.stderr

"""`journal goal edit|done|drop` and `journal skill edit`, a personal goal's --supports too."""

import json

from tests.cli.conftest import Run


def goals(journal: Run) -> dict[str, dict]:
    done = journal("goal", "list", "--json")
    assert done.returncode == 0, done.stderr
    return {g["code"]: g for g in json.loads(done.stdout)}


def ok(journal: Run, *args: str) -> str:
    done = journal(*args)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def setup(journal: Run) -> None:
    ok(journal, "goal", "add", "Grow revenue", "--code", "revenue")
    ok(journal, "goal", "add", "Cut latency", "--code", "latency")
    ok(
        journal,
        "goal",
        "add",
        "Influence",
        "--code",
        "influence",
        "--personal",
        "--supports",
        "revenue",
    )


def test_goal_edit_changes_fields_and_supports(journal: Run) -> None:
    setup(journal)
    ok(journal, "add", "win", "Closed Acme", "--goal", "influence")
    ok(
        journal,
        "goal",
        "edit",
        "influence",
        "--supports",
        "latency",
        "--supports",
        "revenue",
        "--title",
        "Influence across teams",
        "--measure",
        "talks given",
        "--target",
        "3",
        "--due",
        "2026-06-30",
    )
    g = goals(journal)["influence"]
    assert g["supports"] == ["latency", "revenue"] and g["title"] == "Influence across teams"
    assert (g["measure"], g["target"], g["due"]) == ("talks given", "3", "2026-06-30")
    ok(journal, "goal", "edit", "influence", "--no-supports", "--code", "influencing")
    g = goals(journal)["influencing"]
    assert g["supports"] == []
    [entry] = json.loads(ok(journal, "list", "--json"))
    assert entry["goals"] == ["influencing"]  # links follow the goal, not its code


def test_goal_done_and_drop(journal: Run) -> None:
    setup(journal)
    assert "done" in ok(journal, "goal", "done", "latency")
    ok(journal, "goal", "drop", "revenue")
    g = goals(journal)
    assert g["latency"]["status"] == "done" and g["revenue"]["status"] == "dropped"
    ok(journal, "goal", "edit", "latency", "--status", "active")
    assert goals(journal)["latency"]["status"] == "active"


def test_goal_edit_bad_input_writes_nothing(journal: Run) -> None:
    setup(journal)
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    for args in (
        ["revenue", "--supports", "latency"],  # a company goal supports nothing
        ["influence", "--supports", "nope"],
        ["revenue", "--parent", "revenue"],
        ["latency", "--due", "the 45th of Smarch"],
        ["nope", "--title", "x"],
        ["latency", "--code", "revenue"],
        ["latency"],
    ):  # nothing to change
        done = journal("goal", "edit", *args)
        assert done.returncode == 2, (args, done.stderr)
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_skill_edit(journal: Run) -> None:
    ok(journal, "add", "feedback", "Slow to the point", "--from", "Bo")
    ok(journal, "skill", "add", "Presenting", "--code", "presenting", "--level", "2")
    ok(
        journal,
        "skill",
        "edit",
        "presenting",
        "--level",
        "3",
        "--target",
        "5",
        "--plan",
        "toastmasters",
        "--from-entry",
        "e1",
        "--name",
        "Presenting to leadership",
    )
    [s] = json.loads(ok(journal, "skill", "list", "--json"))
    assert (s["name"], s["level"], s["target_level"], s["plan"]) == (
        "Presenting to leadership",
        3,
        5,
        "toastmasters",
    )
    assert s["why"] == ["e1"]
    bad = journal("skill", "edit", "presenting", "--level", "9")
    assert bad.returncode == 2 and "between 1 and 5" in bad.stderr


def test_new_commands_explain_themselves_with_an_example(journal: Run) -> None:
    for args in (
        ["goal", "edit"],
        ["goal", "done"],
        ["goal", "drop"],
        ["skill", "edit"],
        ["show"],
        ["edit"],
        ["delete"],
        ["undo"],
        ["restore"],
        ["export"],
        ["import", "json"],
    ):
        done = journal(*args, "--help")
        assert done.returncode == 0 and "journal " + args[0] in done.stdout.split("usage:")[-1]
        assert "example" in done.stdout, args

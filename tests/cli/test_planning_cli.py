"""Issue 15 on the command line: goal step add/done, goal agree, goal check, goal add
--from-entry, plan export, 1on1 (agenda and note) and action done; every bad input is a
message naming the problem, exit 2 (the CLI's "bad input" status) and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run


def ok(journal: Run, *args: str) -> str:
    done = journal(*args)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def goals(journal: Run) -> dict[str, dict]:
    return {g["code"]: g for g in json.loads(ok(journal, "goal", "list", "--json"))}


def setup(journal: Run) -> None:
    ok(
        journal,
        "goal",
        "add",
        "Grow enterprise revenue",
        "--code",
        "revenue",
        "--measure",
        "ARR",
        "--target",
        "2M",
        "--due",
        "2099-06-30",
    )
    ok(journal, "goal", "add", "Ship the onboarding flow", "--code", "onboarding")
    ok(
        journal,
        "goal",
        "add",
        "Improve my influencing",
        "--code",
        "influence",
        "--personal",
        "--supports",
        "revenue",
    )
    ok(journal, "skill", "add", "Presenting to leadership", "--code", "presenting")
    ok(
        journal,
        "add",
        "feedback",
        "Bring sales along earlier.",
        "--from",
        "Priya",
        "--sentiment",
        "constructive",
        "--tag",
        "delegation",
        "--goal",
        "onboarding",
    )


def refused(journal: Run, cases: list[tuple[list[str], str]]) -> None:
    """Each command fails with its message, exit 2, and the journal file is unchanged."""
    db: Path = journal.db  # type: ignore[attr-defined]
    before = db.read_bytes()
    for args, said in cases:
        done = journal(*args)
        assert done.returncode == 2, (args, done.returncode, done.stderr)
        assert said in done.stderr, (args, done.stderr)
        assert done.stdout == "", args
        assert db.read_bytes() == before, args


def test_step_add_and_done_show_in_goal_list_and_show(journal: Run) -> None:
    setup(journal)
    out = ok(
        journal,
        "goal",
        "step",
        "add",
        "revenue",
        "Run the pricing workshop",
        "--for",
        "influence",
        "--due",
        "2099-03-31",
    )
    assert out.strip() == "revenue step 1 added: Run the pricing workshop"
    ok(journal, "goal", "step", "add", "onboarding", "Demo it to the VPs", "--for", "presenting")
    assert "revenue step 1 is done" in ok(journal, "goal", "step", "done", "revenue", "1")
    steps = goals(journal)["revenue"]["steps"]
    assert steps == [
        {
            "n": 1,
            "text": "Run the pricing workshop",
            "due": "2099-03-31",
            "done_on": steps[0]["done_on"],
            "for": "influence",
        }
    ]
    assert steps[0]["done_on"]
    shown = ok(journal, "goal", "show", "influence")
    assert "Pursued through:\n    revenue step 1: Run the pricing workshop" in shown
    assert "  1. [x] Run the pricing workshop" in ok(journal, "goal", "show", "revenue")
    ok(journal, "goal", "step", "done", "revenue", "1", "--undo")
    assert goals(journal)["revenue"]["steps"][0]["done_on"] is None


def test_step_bad_input(journal: Run) -> None:
    setup(journal)
    ok(journal, "goal", "step", "add", "revenue", "One step")
    refused(
        journal,
        [
            (["goal", "step", "add", "nope", "x"], "no goal 'nope'"),
            (["goal", "step", "add", "revenue", "x", "--for", "onboarding"], "is a company goal"),
            (
                ["goal", "step", "add", "revenue", "x", "--for", "ghost"],
                "no personal goal or skill",
            ),
            (["goal", "step", "add", "revenue", "x", "--due", "the 45th"], "cannot read"),
            (["goal", "step", "add", "revenue", "  "], "the step's text is empty"),
            (
                ["goal", "step", "done", "revenue", "2"],
                "revenue has steps 1-1, so there is no step 2",
            ),
            (["goal", "step", "done", "revenue", "0"], "no step 0"),
            (["goal", "step", "done", "onboarding", "1"], "onboarding has no steps yet"),
            (["goal", "step", "done", "nope", "1"], "no goal 'nope'"),
        ],
    )


def test_agree_and_undo(journal: Run) -> None:
    setup(journal)
    out = ok(
        journal,
        "goal",
        "agree",
        "influence",
        "--with",
        "Dana",
        "--when",
        "2026-01-15",
        "--support",
        "monthly coaching",
    )
    assert out.strip() == "influence: agreed with Dana on 2026-01-15; support: monthly coaching"
    assert goals(journal)["influence"]["agreement"] == {
        "with": "Dana",
        "when": "2026-01-15",
        "support": "monthly coaching",
    }
    assert "Agreement: agreed with Dana" in ok(journal, "goal", "show", "influence")
    ok(journal, "goal", "agree", "influence", "--undo")
    assert goals(journal)["influence"]["agreement"] is None


def test_agree_bad_input(journal: Run) -> None:
    setup(journal)
    refused(
        journal,
        [
            (["goal", "agree", "influence"], "say who agreed it: --with WHO"),
            (["goal", "agree", "influence", "--with", " "], "say who agreed it"),
            (["goal", "agree", "nope", "--with", "Dana"], "no goal 'nope'"),
            (["goal", "agree", "influence", "--with", "Dana", "--when", "Smarch"], "cannot read"),
            (["goal", "agree", "influence", "--undo"], "has no agreement to undo"),
            (["goal", "agree", "influence", "--undo", "--with", "Dana"], "give no --with"),
        ],
    )


def test_check_text_and_json(journal: Run) -> None:
    setup(journal)
    out = ok(journal, "goal", "check", "influence")
    assert out.splitlines()[0].startswith("influence        S - - R -  2/5")
    assert "    Achievable: not agreed with your manager" in out
    [rated] = json.loads(ok(journal, "goal", "check", "revenue", "--json"))
    assert rated["passed"] == 5 and [c["name"] for c in rated["checks"]] == [
        "Specific",
        "Measurable",
        "Achievable",
        "Relevant",
        "Time-bound",
    ]
    every = json.loads(ok(journal, "goal", "check", "--json"))
    assert {g["code"] for g in every} == {"revenue", "onboarding", "influence"}
    refused(journal, [(["goal", "check", "nope"], "no goal 'nope'")])


def test_goal_from_feedback_proposes_and_weaves(journal: Run) -> None:
    setup(journal)
    out = ok(journal, "goal", "add", "--personal", "--from-entry", "e1")
    lines = out.splitlines()
    assert (
        lines[0]
        == "improve-my-delegation added: personal goal Improve my delegation (from feedback e1)"
        or lines[0].startswith("improve-my")
    )
    assert lines[1] == "Company goals to weave it into, by overlap with the feedback:"
    assert lines[2].startswith("  1. onboarding: Ship the onboarding flow, score 3")
    made = next(g for g in goals(journal).values() if g["title"] == "Improve my delegation")
    assert made["why"] == ["e1"] and made["scope"] == "personal"
    ok(
        journal,
        "goal",
        "add",
        "Delegate the release train",
        "--personal",
        "--from-entry",
        "e1",
        "--code",
        "delegate",
        "--weave-into",
        "onboarding",
        "--step",
        "Hand the release to Sam",
    )
    g = goals(journal)
    assert g["delegate"]["supports"] == ["onboarding"]
    assert g["onboarding"]["steps"][-1]["text"] == "Hand the release to Sam"
    assert g["onboarding"]["steps"][-1]["for"] == "delegate"


def test_goal_from_feedback_bad_input(journal: Run) -> None:
    setup(journal)
    ok(journal, "add", "win", "Shipped")
    refused(
        journal,
        [
            (["goal", "add", "--from-entry", "e1"], "add --personal"),
            (["goal", "add", "--personal", "--from-entry", "e2"], "e2 is a win, not feedback"),
            (["goal", "add", "--personal", "--from-entry", "e99"], "e99"),
            (
                ["goal", "add", "--personal", "--from-entry", "e1", "--weave-into", "nope"],
                "no goal 'nope'",
            ),
            (
                ["goal", "add", "--personal", "--from-entry", "e1", "--weave-into", "influence"],
                "is a personal goal",
            ),
            (["goal", "add", "X goal", "--weave-into", "revenue"], "go with --from-entry"),
            (
                ["goal", "add", "--personal", "--from-entry", "e1", "--parent", "revenue"],
                "--parent does not go with --from-entry",
            ),
            (
                ["goal", "add", "--personal", "--from-entry", "e1", "--from-entry", "e1"],
                "give one --from-entry",
            ),
            (["goal", "add", "--personal"], "say what the goal is"),
        ],
    )


def test_plan_export_formats_and_file(journal: Run, tmp_path: Path) -> None:
    setup(journal)
    ok(journal, "goal", "step", "add", "revenue", "Pricing workshop", "--for", "influence")
    md = ok(journal, "plan", "export", "--cycle", "H1 2027")
    assert md.startswith("# Goal-setting proposal: H1 2027\n")
    assert "- for **Improve my influencing**" in md
    txt = ok(journal, "plan", "export", "--cycle", "H1 2027", "--format", "txt")
    assert txt.startswith("GOAL-SETTING PROPOSAL: H1 2027\n")
    target = tmp_path / "proposal.html"
    out = ok(journal, "plan", "export", "--cycle", "H1 2027", "-o", str(target))
    assert "Wrote the H1 2027 proposal (html)" in out
    assert target.read_text().startswith("<!DOCTYPE html>")
    again = journal("plan", "export", "--cycle", "H1 2027", "-o", str(target))
    assert again.returncode == 2 and "--force" in again.stderr
    refused(
        journal,
        [
            (["plan", "export", "--cycle", "the 12th of never"], "cannot read"),
            (
                ["plan", "export", "--cycle", "H1 2027", "-o", str(tmp_path / "p.json")],
                "md, html or txt",
            ),
            (
                ["plan", "export", "--cycle", "H1 2027", "-o", str(tmp_path / "p.docx")],
                "cannot tell which format",
            ),
        ],
    )
    missing = journal("plan", "export")
    assert missing.returncode == 2 and "--cycle" in missing.stderr


def test_one_on_one_note_agenda_and_action_done(journal: Run) -> None:
    setup(journal)
    out = ok(
        journal,
        "1on1",
        "note",
        "Q1 plan",
        "--with",
        "Dana",
        "--when",
        "2 days ago",
        "--action",
        "Draft the pricing memo",
        "--action",
        "Book the course",
    )
    assert out.startswith("e2 added: 1:1 with Dana on ") and "2 action items" in out
    ok(journal, "add", "win", "Closed Acme", "--goal", "revenue")
    ok(journal, "add", "note", "Budget for the course", "--tag", "ask")
    agenda = ok(journal, "1on1", "--with", "Dana")
    assert agenda.startswith("# 1:1 with Dana: agenda\n")
    assert "Closed Acme" in agenda and "- Budget for the course" in agenda
    assert "Draft the pricing memo (action 1" in agenda
    received = agenda.split("## Feedback received")[1].split("##")[0]
    assert "Bring sales along earlier" in received  # given after the 1:1 (2 days ago)
    assert "action 2 is done: Book the course" in ok(journal, "action", "done", "2")
    agenda = ok(journal, "1on1", "--format", "txt")
    assert "Book the course" not in agenda and "Draft the pricing memo" in agenda
    later = ok(journal, "1on1", "--since", "2099-01-01")
    assert "since 2099-01-01" in later and "Closed Acme" not in later
    refused(
        journal,
        [
            (["action", "done", "3"], "there is no action item 3 (items 1-2)"),
            (["1on1", "note", "x", "--action", " "], "an action item (--action) is empty"),
            (["1on1", "note", " "], "the entry's text is empty"),
            (["1on1", "note", "x", "--when", "Smarch"], "cannot read"),
            (["1on1", "--since", "Smarch"], "cannot read"),
            (["1on1", "--with", " "], "--with is empty"),
        ],
    )


def test_commands_explain_themselves(journal: Run) -> None:
    for args in (
        ["goal", "step", "add", "--help"],
        ["goal", "agree", "--help"],
        ["goal", "check", "--help"],
        ["plan", "export", "--help"],
        ["1on1", "--help"],
        ["action", "done", "--help"],
    ):
        assert "usage: journal" in ok(journal, *args)
    assert "action word" in ok(journal, "goal", "check", "--help")


def test_a_future_dated_one_on_one_is_said_and_keeps_the_agenda(journal: Run) -> None:
    noted = journal("1on1", "note", "met", "--with", "Dana", "--when", "2030-01-01")
    assert noted.returncode == 0, noted.stderr
    assert "is dated 2030-01-01, in the future" in noted.stderr
    ok(journal, "add", "win", "Shipped the pricing page")
    assert "Shipped the pricing page" in ok(journal, "1on1", "--with", "Dana")

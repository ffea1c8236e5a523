"""The SMART rules (journal.planning.smart): each of the five checks passing and failing,
with the message that names what is missing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from journal.planning.smart import NAMES, is_action_word, marks, smart_check
from journal.records import Goal

TODAY = date(2026, 7, 1)
REVENUE: Goal = {
    "id": "g1",
    "code": "revenue",
    "title": "Grow enterprise revenue",
    "scope": "company",
    "parent": None,
    "supports": [],
    "status": "active",
}


def goal(**fields: Any) -> Goal:
    base: Goal = {
        "id": "g9",
        "code": "infl",
        "title": "Improve my influencing",
        "scope": "personal",
        "parent": None,
        "supports": ["g1"],
        "measure": "exec sign-offs",
        "target": "3",
        "due": "2026-12-31",
        "status": "active",
        "agreement": {"with": "Dana", "when": "2026-01-10", "support": "coaching"},
    }
    return {**base, **fields}


def check(name: str, g: Goal, goals: list[Goal] | None = None) -> tuple[bool, str]:
    found = {c.name: c for c in smart_check(g, goals if goals is not None else [REVENUE, g], TODAY)}
    return found[name].ok, found[name].missing


def test_a_complete_personal_goal_passes_all_five_in_order() -> None:
    checks = smart_check(goal(), [REVENUE], TODAY)
    assert [c.name for c in checks] == list(NAMES)
    assert all(c.ok and c.missing == "" for c in checks)
    assert marks(checks) == "S M A R T"


@pytest.mark.parametrize(
    "title",
    [
        "Grow enterprise revenue",
        "Raise customer satisfaction scores",
        "Running the on-call rota",
        "Reduces churn fast",
    ],
)
def test_specific_passes_with_three_words_and_an_action_word(title: str) -> None:
    assert check("Specific", goal(title=title)) == (True, "")


def test_specific_fails_on_one_word_naming_the_count() -> None:
    ok, missing = check("Specific", goal(title="Revenue"))
    assert not ok and "1 word" in missing and "at least three" in missing


def test_specific_fails_on_a_bare_noun_phrase() -> None:
    ok, missing = check("Specific", goal(title="Customer satisfaction scores"))
    assert not ok and "names a thing, not a change" in missing


def test_action_words_with_endings() -> None:
    assert all(is_action_word(w) for w in ("improve", "improved", "grows", "leading", "Ship"))
    assert not any(is_action_word(w) for w in ("revenue", "customer", "things"))


def test_measurable_by_measure_and_target_or_a_numeric_metric() -> None:
    assert check("Measurable", goal()) == (True, "")
    metric = {"unit": "ms", "baseline": 420.0, "target": 300.0, "start": "2026-01-01"}
    assert check("Measurable", goal(measure="", target="", metric=metric)) == (True, "")


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"measure": "", "target": ""}, "no measure and no target"),
        ({"measure": "", "target": "3"}, "no measure"),
        ({"measure": "NPS", "target": ""}, "no target"),
        (
            {"measure": "", "target": "", "metric": {"unit": "", "target": "lots"}},
            "no measure and no target",
        ),
    ],
)
def test_measurable_fails_naming_the_missing_half(fields: Goal, said: str) -> None:
    ok, missing = check("Measurable", goal(**fields))
    assert not ok and said in missing


def test_achievable_needs_an_agreement_with_support_for_personal_goals() -> None:
    ok, missing = check("Achievable", goal(agreement=None))
    assert not ok and "not agreed with your manager" in missing and "goal agree infl" in missing
    ok, missing = check("Achievable", goal(agreement={"with": "Dana", "when": None, "support": ""}))
    assert not ok and "agreed with Dana but no support recorded" in missing
    assert check("Achievable", {**REVENUE, "title": "Grow enterprise revenue"}) == (True, "")


def test_relevant_for_personal_goals_needs_a_company_goal() -> None:
    ok, missing = check("Relevant", goal(supports=[]))
    assert not ok and "supports no company goal" in missing
    assert check("Relevant", goal(supports=[], parent="g1")) == (True, "")
    assert not check("Relevant", goal(supports=["g404"]))[0]


def test_relevant_for_company_sub_goals_needs_a_live_parent() -> None:
    sub = {**REVENUE, "id": "g2", "code": "ent", "parent": "g1"}
    assert check("Relevant", REVENUE, [REVENUE]) == (True, "")
    assert check("Relevant", sub, [REVENUE, sub]) == (True, "")
    ok, missing = check("Relevant", sub, [sub])
    assert not ok and "parent goal is gone" in missing
    dropped = {**REVENUE, "status": "dropped"}
    ok, missing = check("Relevant", sub, [dropped, sub])
    assert not ok and "revenue was dropped" in missing


def test_time_bound_needs_a_due_date_not_past_while_active() -> None:
    ok, missing = check("Time-bound", goal(due=None))
    assert not ok and "no due date" in missing
    ok, missing = check("Time-bound", goal(due="2026-06-30"))
    assert not ok and "due 2026-06-30, which has passed" in missing
    assert check("Time-bound", goal(due="2026-06-30", status="done")) == (True, "")
    assert check("Time-bound", goal(due="2026-07-01")) == (True, "")


def test_marks_show_a_dash_for_each_failing_check() -> None:
    checks = smart_check(goal(title="Influence", due=None), [REVENUE], TODAY)
    assert marks(checks) == "- M A R -"

"""Weaving feedback into company goals: the title from the feedback's theme, and the
ranking of company goals by overlap on a hand-built journal whose answer is known."""

from __future__ import annotations

from journal.planning.weave import rank_company_goals, theme_title
from journal.records import Entry, Goal


def g(ident: str, code: str, scope: str = "company", **more: object) -> Goal:
    return {
        "id": ident,
        "code": code,
        "title": code.title(),
        "scope": scope,
        "parent": None,
        "supports": [],
        "status": "active",
        **more,
    }


def e(ident: str, when: str, goals: list[str], tags: list[str] = (), **more: object) -> Entry:
    return {
        "id": ident,
        "kind": "note",
        "when": f"{when}T10:00:00+00:00",
        "title": ident,
        "tags": list(tags),
        "goals": goals,
        "skills": [],
        **more,
    }


GOALS = [
    g("g1", "revenue"),
    g("g2", "quality"),
    g("g3", "hiring"),
    g("g4", "latency", status="done"),  # not active: never proposed
    g("g5", "influence", scope="personal", supports=["g2"]),  # links count for quality
]
FEEDBACK = e(
    "e1",
    "2026-03-10",
    ["g1"],
    ["influencing", "writing"],
    kind="feedback",
    source="Priya",
    sentiment="constructive",
)
ENTRIES = [
    FEEDBACK,
    e("e2", "2026-03-12", ["g5"], ["influencing"]),  # quality: a shared tag (+1), near (+1)
    e("e3", "2026-01-02", ["g2"], ["writing"]),  # quality: a shared tag (+1)
    e("e4", "2026-03-15", ["g3"]),  # hiring: near (+1)
    e("e5", "2026-03-11", ["g4"], ["influencing"]),  # latency is done: ignored
    e("e6", "2025-06-01", ["g3"]),  # hiring: neither
]


def test_ranking_of_a_known_journal() -> None:
    ranked = rank_company_goals(FEEDBACK, ENTRIES, GOALS)
    # revenue 3 (the feedback is linked); quality 2 tags + 1 near = 3; hiring 1 near
    assert [(p.goal["code"], p.score) for p in ranked] == [
        ("quality", 3),
        ("revenue", 3),
        ("hiring", 1),
    ]
    quality, revenue, hiring = ranked
    assert revenue.reasons == ("the feedback is linked to it",)
    assert quality.reasons == ("2 entries with its tags", "1 entry near it in time")
    assert hiring.reasons == ("1 entry near it in time",)


def test_linking_the_feedback_through_a_personal_goal_counts_for_its_company_goal() -> None:
    via_personal = {**FEEDBACK, "goals": ["g5"]}
    ranked = rank_company_goals(via_personal, ENTRIES, GOALS)
    assert ranked[0].goal["code"] == "quality" and ranked[0].score == 6


def test_goals_with_no_overlap_still_listed_last() -> None:
    lonely = e("e9", "2020-01-01", [], ["unrelated"], kind="feedback")
    ranked = rank_company_goals(lonely, ENTRIES, GOALS)
    assert [(p.goal["code"], p.score) for p in ranked] == [
        ("hiring", 0),
        ("quality", 0),
        ("revenue", 0),
    ]


def test_title_from_the_theme_not_the_sentence() -> None:
    assert theme_title(FEEDBACK) == "Improve my influencing"
    tagged = {**FEEDBACK, "tags": ["stakeholder-updates"]}
    assert theme_title(tagged) == "Improve my stakeholder updates"
    by_skill = {**FEEDBACK, "tags": [], "skills": ["s1"]}
    assert theme_title(by_skill, [{"id": "s1", "name": "Presenting"}]) == "Improve my presenting"
    bare = {**FEEDBACK, "tags": []}
    assert theme_title(bare) == "Act on the feedback from Priya"

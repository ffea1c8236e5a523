"""The 1:1 agenda: the "since the last 1:1" boundary, --with and --since, and action items
numbered once and carried forward until done."""

from __future__ import annotations

from datetime import date

from journal.planning.agenda import action_items, after, build_agenda, manager_answer
from journal.records import Entry

TODAY = date(2026, 3, 20)


def e(ident: str, when: str, kind: str = "note", tags: list[str] = (), **more: object) -> Entry:
    return {
        "id": ident,
        "kind": kind,
        "when": f"{when}+00:00",
        "title": f"title {ident}",
        "body": "",
        "tags": list(tags),
        "goals": [],
        "skills": [],
        **more,
    }


def meeting(ident: str, when: str, who: str | None, *actions: tuple[str, str | None]) -> Entry:
    return e(
        ident,
        when,
        tags=["1on1"],
        actions=[{"text": t, "done_on": d} for t, d in actions],
        **({"with": who} if who else {}),
    )


ENTRIES = [
    meeting(
        "e1", "2026-03-01T10:00:00", "Dana", ("Draft memo", None), ("Book course", "2026-03-05")
    ),
    e("e2", "2026-03-01T09:59:59", "win"),  # before the last 1:1: out
    e("e3", "2026-03-01T10:00:00", "win"),  # the same second: out (strictly after)
    e("e4", "2026-03-01T10:00:01", "win"),  # just after: in
    meeting("e5", "2026-03-10T15:00:00", "Sam", ("Intro to Lee", None)),
    e("e6", "2026-03-12T09:00:00", "feedback", source="Priya", sentiment="constructive"),
    e("e7", "2026-03-13T09:00:00", tags=["ask"]),
    e(
        "e8",
        "2026-03-14T09:00:00",
        "reflection",
        tags=["weekly"],
        body="## What went well?\n\nShipped.\n\n## What do I need from my manager?\n\nAn intro "
        "to finance.\n\n## Top three\n\n- [ ] x",
    ),
]


def test_the_boundary_is_the_last_one_on_one_strictly_after() -> None:
    agenda = build_agenda(ENTRIES, [], [], TODAY)
    assert agenda.since == ENTRIES[4]["when"]  # Sam's, the latest of all
    assert agenda.since_label == "since the last 1:1 on 2026-03-10"
    assert [w["id"] for w in agenda.wins] == []
    assert [f["id"] for f in agenda.feedback] == ["e6"]


def test_with_someone_the_boundary_is_the_last_one_on_one_with_them() -> None:
    agenda = build_agenda(ENTRIES, [], [], TODAY, who="dana")
    assert agenda.since == ENTRIES[0]["when"]
    assert [w["id"] for w in agenda.wins] == ["e4"]  # e2 and e3 are not after it
    assert [a.text for a in agenda.open_actions] == ["Draft memo"]  # only Dana's, open


def test_since_a_day_counts_from_that_day_and_ignores_the_last_one_on_one() -> None:
    agenda = build_agenda(ENTRIES, [], [], TODAY, since_day=date(2026, 3, 1))
    assert [w["id"] for w in agenda.wins] == ["e2", "e3", "e4"]
    assert agenda.since_label == "since 2026-03-01"
    assert after(ENTRIES[1], "2026-03-01") and not after(ENTRIES[1], "2026-03-02")


def test_no_one_on_one_yet_means_everything() -> None:
    agenda = build_agenda(ENTRIES[1:4], [], [], TODAY)
    assert agenda.since is None and len(agenda.wins) == 3
    assert "no earlier 1:1" in agenda.since_label


def test_actions_are_numbered_once_oldest_first_and_carry_forward_until_done() -> None:
    items = action_items(ENTRIES)
    assert [(a.number, a.text, a.meeting_id, a.index) for a in items] == [
        (1, "Draft memo", "e1", 0),
        (2, "Book course", "e1", 1),
        (3, "Intro to Lee", "e5", 0),
    ]
    agenda = build_agenda(ENTRIES, [], [], TODAY)
    # Dana's "Draft memo" is from before the last 1:1 (Sam's) and still open: carried
    assert [a.number for a in agenda.open_actions] == [1, 3]
    done = [
        *ENTRIES[:4],
        meeting("e5", "2026-03-10T15:00:00", "Sam", ("Intro to Lee", "2026-03-15")),
        *ENTRIES[5:],
    ]
    assert [a.number for a in build_agenda(done, [], [], TODAY).open_actions] == [1]


def test_what_i_need_from_asks_and_the_weekly_manager_question() -> None:
    agenda = build_agenda(ENTRIES, [], [], TODAY)
    assert agenda.asks == ("title e7", "An intro to finance.")
    assert manager_answer("## Other\n\ntext") == ""


def test_constructive_feedback_not_acted_on_is_any_time_until_a_goal_or_skill_comes_of_it() -> None:
    old = e("e0", "2025-01-01T09:00:00", "feedback", sentiment="constructive")
    entries = [old, *ENTRIES]
    assert [f["id"] for f in build_agenda(entries, [], [], TODAY).not_acted_on] == ["e0", "e6"]
    goal = {
        "id": "g1",
        "code": "infl",
        "title": "Improve my influencing",
        "scope": "personal",
        "supports": [],
        "status": "active",
        "why": ["e6"],
        "agreement": None,
    }
    agenda = build_agenda(entries, [goal], [], TODAY)
    assert [f["id"] for f in agenda.not_acted_on] == ["e0"]
    assert agenda.personal == ((goal, "not agreed yet"),)


def test_off_track_goals_include_plan_steps_past_due() -> None:
    goal = {
        "id": "g1",
        "code": "rev",
        "title": "Grow revenue",
        "scope": "company",
        "supports": [],
        "status": "active",
        "due": "2026-12-31",
        "steps": [
            {"text": "a", "due": "2026-03-01", "done_on": None, "for": None},
            {"text": "b", "due": "2026-03-01", "done_on": "2026-03-02", "for": None},
        ],
    }
    agenda = build_agenda(ENTRIES, [goal], [], TODAY)
    assert agenda.off_track == ((goal, "1 plan step past due"),)


def test_a_future_dated_one_on_one_does_not_move_the_boundary_past_today() -> None:
    future = meeting("e9", "2030-01-01T10:00:00", "Dana", ("Later item", None))
    agenda = build_agenda([*ENTRIES, future], [], [], TODAY, who="dana")
    assert agenda.since == ENTRIES[0]["when"]  # the last 1:1 held by today
    assert [w["id"] for w in agenda.wins] == ["e4"]
    assert [a.text for a in agenda.open_actions] == ["Draft memo", "Later item"]

"""Overdue goals on the Goals screen and the review screen (issue 12)."""

from __future__ import annotations

from journal.store.journal_store import JournalStore
from screens.goals import GoalsScreen
from screens.review.screen import ReviewScreen
from tests.tui.helpers import DEMO_NOW, app_on_screen, screen_text, wait_for
from tests.tui.test_goals import labels


async def test_an_overdue_goal_is_flagged_on_the_goals_screen(store: JournalStore) -> None:
    late = store.goals.add("Ship the beta", code="beta", due="2026-03-01")["id"]
    later = store.goals.add("Ship the GA", code="ga", due="2026-12-31")["id"]
    async with app_on_screen(store, "g", GoalsScreen, DEMO_NOW) as (app, pilot):
        rows = labels(app)
        assert "overdue" in rows[late][0] and "overdue" not in rows[later][0]
        assert "overdue" in screen_text(app)  # the first goal's detail says so too


async def test_an_overdue_goal_is_flagged_in_the_review(store: JournalStore) -> None:
    store.goals.add("Ship the beta", code="beta", due="2026-03-01")
    store.goals.add("Launched the app", code="app", status="done", due="2026-02-01")
    async with app_on_screen(store, "r", ReviewScreen, DEMO_NOW) as (app, pilot):
        screen = app.screen
        await wait_for(pilot, lambda: screen.assessment is not None)
        text = screen_text(app)
        assert "Ship the beta — overdue: due 1 Mar 2026" in text
        assert "Launched the app" in text  # done in the period: still in the review


async def test_the_goal_form_edits_what_a_personal_goal_supports(goals_store: JournalStore) -> None:
    from screens.goal_form import GoalForm
    from tests.tui.helpers import settle
    from tests.tui.test_goals import select

    s = goals_store
    async with app_on_screen(s, "g", GoalsScreen, DEMO_NOW) as (app, pilot):
        await select(pilot, s.goals.get("influence")["id"])
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, GoalForm) and form.supports_list is not None
        assert form.supports_list.chosen == [s.goals.get("revenue")["id"]]
        form.supports_list.filter_input.focus()
        await pilot.press(*"latency", "space", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, GoalForm)
    assert s.goals.get("influence")["supports"] == [
        s.goals.get("revenue")["id"],
        s.goals.get("latency")["id"],
    ]


async def test_a_company_goal_form_has_no_supports(goals_store: JournalStore) -> None:
    from screens.goal_form import GoalForm
    from tests.tui.test_goals import select

    async with app_on_screen(goals_store, "g", GoalsScreen, DEMO_NOW) as (app, pilot):
        await select(pilot, goals_store.goals.get("revenue")["id"])
        await pilot.press("e")
        assert isinstance(app.screen, GoalForm) and app.screen.supports_list is None

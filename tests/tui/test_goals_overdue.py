"""Overdue goals on the Goals screen and the review screen (issue 12)."""

from __future__ import annotations

from journal.store import JournalStore
from screens.goals import GoalsScreen
from screens.review import ReviewScreen
from tests.tui.helpers import app_on_screen, screen_text, wait_for
from tests.tui.test_goals import NOW, labels


async def test_an_overdue_goal_is_flagged_on_the_goals_screen(store: JournalStore) -> None:
    late = store.add_goal("Ship the beta", code="beta", due="2026-03-01")["id"]
    later = store.add_goal("Ship the GA", code="ga", due="2026-12-31")["id"]
    async with app_on_screen(store, "g", GoalsScreen, NOW) as (app, pilot):
        rows = labels(app)
        assert "overdue" in rows[late][0] and "overdue" not in rows[later][0]
        assert "overdue" in screen_text(app)  # the first goal's detail says so too


async def test_an_overdue_goal_is_flagged_in_the_review(store: JournalStore) -> None:
    store.add_goal("Ship the beta", code="beta", due="2026-03-01")
    store.add_goal("Launched the app", code="app", status="done", due="2026-02-01")
    async with app_on_screen(store, "r", ReviewScreen, NOW) as (app, pilot):
        screen = app.screen
        await wait_for(pilot, lambda: screen.assessment is not None)
        text = screen_text(app)
        assert "Ship the beta — overdue: due 1 Mar 2026" in text
        assert "Launched the app" in text  # done in the period: still in the review

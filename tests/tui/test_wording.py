"""Issue 12, wording: counts read like English ("1 entry link dropped", not "1 entry links
dropped"; no "0 entry links will be dropped"), an empty journal is not told "every piece
already has a skill", and a cut list of feedback sources says how many more there are."""

from __future__ import annotations

from datetime import date

from journal.periods import parse_period
from journal.review.assess import assess_store
from journal.store.journal_store import JournalStore
from screens.dialogs import Confirm
from screens.review.views import feedback_text
from tests.tui.helpers import settle
from tests.tui.test_goals import goals_app, select
from tests.tui.test_goals import notices as goal_notices
from tests.tui.test_skills import notices, skills_app


async def test_deleting_a_goal_with_one_link_and_one_without(store: JournalStore) -> None:
    one = store.goals.add("Grow revenue", code="revenue")
    none = store.goals.add("Cut latency", code="latency")
    store.entries.add("win", "Closed Acme.", goals=["revenue"])
    async with goals_app(store) as (app, pilot):
        await select(pilot, none["id"])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "0 entry links" not in app.screen.question.plain
        await pilot.press("n")
        await settle(pilot)
        await select(pilot, one["id"])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "1 entry link will be dropped" in app.screen.question.plain
        await pilot.press("y")
        await settle(pilot)
        assert any("1 entry link dropped" in n for n in goal_notices(app)), goal_notices(app)


async def test_deleting_a_skill_with_one_link(store: JournalStore) -> None:
    store.skills.add("Presenting", code="presenting")
    store.entries.add("win", "Ran the demo.", skills=["presenting"])
    async with skills_app(store) as (app, pilot):
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert any("1 entry link dropped" in n for n in notices(app)), notices(app)


async def test_no_feedback_at_all_is_not_every_piece_has_a_skill(store: JournalStore) -> None:
    async with skills_app(store) as (app, pilot):
        await pilot.press("f")
        await settle(pilot)
        said = " ".join(notices(app))
        assert "No constructive feedback" in said and "every piece" not in said


def test_a_cut_source_list_says_how_many_more(store: JournalStore) -> None:
    for n in range(8):
        store.entries.add(
            "feedback",
            f"Point {n}.",
            source=f"Person {n}",
            sentiment="praise",
            when="2026-03-04 10:00",
        )
    text = feedback_text(assess_store(store, parse_period("2026"), None, date(2026, 6, 1)))
    assert "+2 more" in text.plain, text.plain

"""Pilot tests for the Coach screen (`o`) and the Weekly review screen (`w`): real key
presses on a temporary journal with a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import Input

from journal.coach.weekly import load_draft
from journal.store.journal_store import JournalStore
from screens.checkin_dialog import CheckinForm
from screens.coach import CoachScreen
from screens.goals import GoalsScreen
from screens.journal import JournalScreen
from screens.skill_form import SkillForm
from screens.weekly import WeeklyScreen
from tests.tui.conftest import fill
from tests.tui.helpers import app_on_screen, screen_text, settle, wait_for

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=timezone(timedelta(hours=1)))
SIZE = (110, 32)


def coach_store(store: JournalStore) -> JournalStore:
    fill(store)
    store.goals.update(
        "latency", metric={"unit": "ms", "baseline": 900.0, "target": 300.0, "start": "2026-01-01"}
    )
    return store


def keys(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, CoachScreen)
    return [n.key for n in screen.found]


async def test_coach_lists_nudges_and_the_journal_status_counts_them(
    store: JournalStore,
) -> None:
    async with app_on_screen(coach_store(store), "o", CoachScreen, NOW, SIZE) as (app, pilot):
        await wait_for(pilot, lambda: bool(keys(app)))
        found = keys(app)
        assert found == [
            "weekly-review-due:weekly",
            "no-checkin:latency",
            "quiet-goal:influence",
            "quiet-goal:latency",
            "unsmart-goal:influence",
        ]
        text = screen_text(app)
        assert "weekly review streak: 0 weeks" in text
        assert "enter: start the weekly review" in text
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert f"{len(found)} nudges waiting (o)" in screen_text(app)


async def test_enter_on_a_goal_nudge_opens_the_goal(store: JournalStore) -> None:
    async with app_on_screen(coach_store(store), "o", CoachScreen, NOW, SIZE) as (app, pilot):
        await wait_for(pilot, lambda: bool(keys(app)))
        screen = app.screen
        assert isinstance(screen, CoachScreen)
        index = next(i for i, n in enumerate(screen.found) if n.kind == "unsmart-goal")
        screen.nudge_list.highlighted = index
        target = screen.found[index].target
        await pilot.press("enter")
        await settle(pilot, 3)
        assert isinstance(app.screen, GoalsScreen)
        selected = app.screen.selected
        assert selected is not None and selected.id == target


async def test_enter_on_feedback_opens_the_skill_dialog(store: JournalStore) -> None:
    store.entries.add(
        "feedback",
        title="Slow to reply in reviews",
        when=NOW - timedelta(days=20),
        sentiment="mixed",
        source="Ana",
    )
    async with app_on_screen(coach_store(store), "o", CoachScreen, NOW, SIZE) as (app, pilot):
        await wait_for(pilot, lambda: bool(keys(app)))
        screen = app.screen
        assert isinstance(screen, CoachScreen)
        index = next(i for i, n in enumerate(screen.found) if n.kind == "feedback-to-act-on")
        screen.nudge_list.highlighted = index
        await pilot.press("enter")
        await settle(pilot, 3)
        assert isinstance(app.screen, SkillForm)


async def test_enter_on_no_checkin_checks_in(store: JournalStore) -> None:
    async with app_on_screen(coach_store(store), "o", CoachScreen, NOW, SIZE) as (app, pilot):
        await wait_for(pilot, lambda: bool(keys(app)))
        screen = app.screen
        assert isinstance(screen, CoachScreen)
        screen.nudge_list.highlighted = keys(app).index("no-checkin:latency")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckinForm)
        await pilot.press(*"650", "enter")
        await settle(pilot, 3)
        assert isinstance(app.screen, CoachScreen)
        await wait_for(pilot, lambda: "no-checkin:latency" not in keys(app))
        checkins = [e for e in store.entries.all() if e["kind"] == "checkin"]
        assert [c["value"] for c in checkins] == [650]


async def test_snooze_and_dismiss_are_stored(store: JournalStore) -> None:
    async with app_on_screen(coach_store(store), "o", CoachScreen, NOW, SIZE) as (app, pilot):
        await wait_for(pilot, lambda: bool(keys(app)))
        first = keys(app)[0]
        await pilot.press("z")
        await settle(pilot, 3)
        await wait_for(pilot, lambda: first not in keys(app))
        second = keys(app)[0]
        await pilot.press("x")
        await settle(pilot, 3)
        await wait_for(pilot, lambda: second not in keys(app))
    coach = store.meta()["coach"]
    assert first in coach["snoozed"]
    assert coach["dismissed"] == [second]


async def answer(pilot: object, text: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    reply = app.screen.query_one("#weekly-reply", Input)
    await wait_for(pilot, lambda: not reply.disabled)  # type: ignore[arg-type]
    reply.value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_weekly_screen_end_to_end(store: JournalStore) -> None:
    coach_store(store)
    async with app_on_screen(store, "w", WeeklyScreen, NOW, SIZE) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, WeeklyScreen)
        await wait_for(pilot, lambda: screen.walk is not None)
        await settle(pilot)
        text = screen_text(app)
        assert "Your week: 2026-03-10 to 2026-03-16" in text
        assert "03-14  Lead with the customer problem" in text
        assert "[1/7] What went well, and what was its impact?" in text
        for reply in ["Closed Acme", "Pricing", "", "", "", "", "Ship it", ""]:
            await answer(pilot, reply)
        assert "Check-in: Cut checkout latency" in screen_text(app)
        await answer(pilot, "650ms")
        await answer(pilot, "high")
        assert screen.walk is not None and screen.walk.prompt is not None
        assert "this week's evidence is on: revenue enterprise;" in screen.walk.prompt.lines[0]
        assert "Link this review to goals" in screen_text(app)
        await answer(pilot, "all")
        await wait_for(pilot, lambda: screen.saved is not None)
        await settle(pilot)
        assert "Saved e7: Weekly review 2026-W12 and 1 check-in." in screen_text(app)
        assert "Weekly review streak: 1 week" in screen_text(app)
    reflection = store.entries.get("e7")
    assert reflection["tags"] == ["weekly"]
    assert reflection["goals"] == [
        store.goals.get("revenue")["id"],
        store.goals.get("enterprise")["id"],
    ]
    assert "## What went well, and what was its impact?\n\nClosed Acme" in reflection["body"]
    assert "- [ ] Ship it" in reflection["body"]
    assert store.entries.get("e8")["kind"] == "checkin"
    assert load_draft(store.path) is None


async def test_leaving_the_weekly_screen_keeps_a_draft_that_resumes(
    store: JournalStore,
) -> None:
    coach_store(store)
    async with app_on_screen(store, "w", WeeklyScreen, NOW, SIZE) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, WeeklyScreen)
        await wait_for(pilot, lambda: screen.walk is not None)
        await answer(pilot, "Closed Acme")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
    kept = load_draft(store.path)
    assert kept is not None and kept[0].replies == ["Closed Acme"]
    async with app_on_screen(store, "w", WeeklyScreen, NOW, SIZE) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, WeeklyScreen)
        await wait_for(pilot, lambda: screen.walk is not None)
        await settle(pilot)
        text = screen_text(app)
        assert "Picked up your draft" in text
        assert "[2/7] What did I learn?" in text

"""Pilot tests for goal progress on the Goals screen: the bar in each row, the detail
pane's baseline → current → target and sparkline, and checking in with k."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import Sparkline

from journal.store.journal_store import JournalStore
from screens.checkin_dialog import CheckinForm
from screens.goals import GoalsScreen
from tests.tui.helpers import app_on_screen, notices, settle, wait_for
from tests.tui.test_goals import detail_text, goals_screen, labels, select

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=timezone(timedelta(hours=1)))


def metric_store(store: JournalStore) -> JournalStore:
    store.goals.add(
        "Cut checkout latency",
        code="latency",
        due="2026-12-31",
        target="300 ms",
        metric={"unit": "ms", "baseline": 420, "target": 300, "start": "2026-01-01"},
    )
    store.goals.add("Ship the design system", code="design")
    store.entries.add_many(
        [
            {
                "kind": "checkin",
                "title": "latency 400",
                "goals": ["latency"],
                "value": 400.0,
                "when": NOW - timedelta(days=30),
            }
        ]
    )
    return store


def row(app: object, store: JournalStore, code: str) -> str:
    return labels(app)[store.goals.get(code)["id"]][0]  # type: ignore[arg-type]


async def test_check_in_from_the_goals_screen_moves_the_bar(store: JournalStore) -> None:
    metric_store(store)
    async with app_on_screen(store, "g", GoalsScreen, NOW) as (app, pilot):
        before = row(app, store, "latency")
        assert "17% " in before and "on track" in before and "\u2588" in before
        assert "%" not in row(app, store, "design")  # a binary goal shows no bar
        await select(pilot, store.goals.get("latency")["id"])
        assert "420 ms \u2192 400 ms \u2192 300 ms" in detail_text(app)
        await pilot.press("k")
        form = app.screen
        assert isinstance(form, CheckinForm)
        await pilot.press(*"3s")
        await pilot.pause()
        assert "measured in 'ms'" in str(form.value_hint.render())  # read live, as typed
        await pilot.press("backspace", "backspace", *"360ms")
        await pilot.pause()
        assert "reads as 360 ms" in str(form.value_hint.render())
        form.note_input.focus()
        await pilot.press(*"cache change", "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: "50% " in row(app, store, "latency"))
        after = row(app, store, "latency")
        assert after.count("\u2588") > before.count("\u2588")
        (checkin,) = [e for e in store.entries.all() if e["value"] == 360]
        assert checkin["kind"] == "checkin" and checkin["body"] == "cache change"
        assert checkin["when"].startswith("2026-03-15")  # the app's clock
        assert "420 ms \u2192 360 ms \u2192 300 ms" in detail_text(app)
        spark = goals_screen(app).query_one(Sparkline)
        assert list(spark.data or []) == [400.0, 360.0] and spark.display


async def test_escape_and_no_metric_write_nothing(store: JournalStore) -> None:
    metric_store(store)
    async with app_on_screen(store, "g", GoalsScreen, NOW) as (app, pilot):
        await select(pilot, store.goals.get("latency")["id"])
        await pilot.press("k", *"350", "escape")
        await settle(pilot)
        assert len(store.entries.all()) == 1
        await select(pilot, store.goals.get("design")["id"])
        await pilot.press("k")
        await settle(pilot)
        assert not isinstance(app.screen, CheckinForm)
        assert any("no metric" in n for n in notices(app))
        await select(pilot, store.goals.get("latency")["id"])
        await pilot.press("k", "enter")  # an empty value is refused inside the dialog
        await pilot.pause()
        assert isinstance(app.screen, CheckinForm) and len(store.entries.all()) == 1


async def test_the_review_calls_out_at_risk_goals_and_achievements(store: JournalStore) -> None:
    from screens.review.screen import ReviewScreen
    from tests.tui.helpers import screen_text

    metric_store(store)
    store.goals.add(
        "Win three deals",
        code="deals",
        due="2026-12-31",
        metric={"unit": "deals", "baseline": 0, "target": 3, "start": "2025-04-01"},
    )
    store.entries.add_many(
        [
            {
                "kind": "checkin",
                "title": "deals 0",
                "goals": ["deals"],
                "value": 0.0,
                "when": NOW - timedelta(days=3),
            }
        ]
    )
    store.goals.add(
        "Halve onboarding",
        code="onboarding",
        due="2026-12-31",
        metric={"unit": "days", "baseline": 14, "target": 7, "start": "2026-01-01"},
    )
    store.entries.add_many(
        [
            {
                "kind": "checkin",
                "title": "onboarding 7",
                "goals": ["onboarding"],
                "value": 7.0,
                "when": NOW - timedelta(days=2),
            }
        ]
    )
    async with app_on_screen(store, "r", ReviewScreen, NOW, (120, 40)) as (app, pilot):
        screen = app.screen
        await wait_for(pilot, lambda: screen.assessment is not None)  # type: ignore[attr-defined]
        text = screen_text(app)
        assert "Win three deals — at risk: 0 deals → 0 deals → 3 deals" in text  # then wraps
        assert "Halve onboarding — done in this period (an achievement)" in text


def test_the_review_goal_header_shows_progress_and_check_ins(store: JournalStore) -> None:
    from journal.periods import Period
    from journal.review.assess import assess_store
    from screens.review.views import goal_header

    metric_store(store)
    a = assess_store(
        store, Period(NOW.date().replace(month=1, day=1), NOW.date(), "2026"), None, NOW.date()
    )
    (rep,) = [r for r in a.all_goals() if r.code == "latency"]
    text = goal_header(a, rep).plain
    assert "progress: 420 ms → 400 ms → 300 ms (17%, on track)" in text
    assert "check-ins: 13 Feb 2026 400 ms" in text

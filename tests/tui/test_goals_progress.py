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
    store.add_goal(
        "Cut checkout latency",
        code="latency",
        due="2026-12-31",
        target="300 ms",
        metric={"unit": "ms", "baseline": 420, "target": 300, "start": "2026-01-01"},
    )
    store.add_goal("Ship the design system", code="design")
    store.add_entries(
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
    return labels(app)[store.goal(code)["id"]][0]  # type: ignore[arg-type]


async def test_check_in_from_the_goals_screen_moves_the_bar(store: JournalStore) -> None:
    metric_store(store)
    async with app_on_screen(store, "g", GoalsScreen, NOW) as (app, pilot):
        before = row(app, store, "latency")
        assert "17% on track" in before and "\u2588" in before
        assert "%" not in row(app, store, "design")  # a binary goal shows no bar
        await select(pilot, store.goal("latency")["id"])
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
        await wait_for(pilot, lambda: "50% on track" in row(app, store, "latency"))
        after = row(app, store, "latency")
        assert after.count("\u2588") > before.count("\u2588")
        (checkin,) = [e for e in store.entries() if e["value"] == 360]
        assert checkin["kind"] == "checkin" and checkin["body"] == "cache change"
        assert checkin["when"].startswith("2026-03-15")  # the app's clock
        assert "420 ms \u2192 360 ms \u2192 300 ms" in detail_text(app)
        spark = goals_screen(app).query_one(Sparkline)
        assert list(spark.data or []) == [400.0, 360.0] and spark.display


async def test_escape_and_no_metric_write_nothing(store: JournalStore) -> None:
    metric_store(store)
    async with app_on_screen(store, "g", GoalsScreen, NOW) as (app, pilot):
        await select(pilot, store.goal("latency")["id"])
        await pilot.press("k", *"350", "escape")
        await settle(pilot)
        assert len(store.entries()) == 1
        await select(pilot, store.goal("design")["id"])
        await pilot.press("k")
        await settle(pilot)
        assert not isinstance(app.screen, CheckinForm)
        assert any("no metric" in n for n in notices(app))
        await select(pilot, store.goal("latency")["id"])
        await pilot.press("k", "enter")  # an empty value is refused inside the dialog
        await pilot.pause()
        assert isinstance(app.screen, CheckinForm) and len(store.entries()) == 1

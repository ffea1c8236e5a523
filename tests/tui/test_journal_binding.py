"""The journal screen's data flows down by reactives bound with `data_bind`.

The screen holds `filters`, `result`, `listing`, `highlighted` and `names`; the entry
list and the preview only show what is bound into them, and the filter worker's
`EntriesFiltered` is what sets the result.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from journal.live import Snapshot
from journal.query import EntryFilter
from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.goals import GoalsScreen
from screens.journal import EntriesFiltered, JournalScreen
from screens.messages import EntrySaved
from screens.snapshot import apply_filter
from screens.widgets.entry_list import Listing
from screens.widgets.filter_bar import FilterValues
from screens.widgets.preview import EntryPreview
from tests.tui.helpers import SIZE, screen_text, settle, wait_for


def now_shown(app: JournalApp) -> Snapshot:
    """The snapshot the app handed its screens last."""
    assert app.snapshot is not None
    return app.snapshot


def titles(screen: JournalScreen) -> list[str]:
    return [e["title"] for e in screen.entry_list.entries]


async def shown(pilot: Pilot[Any], app: JournalApp) -> JournalScreen:
    await settle(pilot, rest=0.1)
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    assert len(titles(screen)) == 6
    return screen


async def test_the_list_and_the_preview_are_bound_to_the_screen(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        assert screen.entry_list.listing is screen.listing
        assert len(screen.listing.entries) == 6
        assert screen.result is not None and screen.result.snapshot is now_shown(app)
        assert screen.preview.entry == screen.highlighted == screen.entry_list.highlighted
        assert screen.preview.names is screen.names
        assert screen.names[now_shown(app).goals[0]["id"]].startswith("revenue (")


async def test_setting_the_filters_reactive_refilters_the_list(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        screen.filters = FilterValues(text="acme")
        await wait_for(pilot, lambda: titles(screen) == ["Closed the Acme renewal"])
        assert screen.result is not None and screen.result.flt.text == "acme"
        assert "1 of 6 entries" in screen_text(app)
        screen.filters = FilterValues(kind="note")
        await wait_for(pilot, lambda: len(titles(screen)) == 2)
        screen.filters = FilterValues()
        await wait_for(pilot, lambda: len(titles(screen)) == 6)
        assert "6 entries" in screen_text(app) and " of 6" not in screen_text(app)


async def test_typing_in_the_filter_bar_sets_the_filters_reactive(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        await pilot.press("slash", *"memo")
        await wait_for(pilot, lambda: titles(screen) == ["Read the pricing memo"])
        assert screen.filters == FilterValues(text="memo")


async def test_highlighting_a_row_updates_the_preview_through_the_binding(
    app: JournalApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        await pilot.press("down", "down", "down")
        await wait_for(pilot, lambda: "Profile the tax call." in screen_text(app))
        checkout = screen.entry_list.highlighted
        assert checkout is not None and checkout["title"] == "Checkout p95 is 900 ms"
        assert screen.highlighted == checkout
        assert screen.preview.entry == checkout
        assert "latency (Cut checkout latency)" in screen_text(app)  # names, bound too


async def test_setting_highlighted_shows_that_entry_in_the_preview(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        memo = next(e for e in now_shown(app).entries if e["title"] == "Read the pricing memo")
        screen.highlighted = memo
        await wait_for(pilot, lambda: "Read the pricing memo" in str(screen.preview.facts.content))
        screen.highlighted = None
        await wait_for(pilot, lambda: "Nothing selected." in screen_text(app))


async def test_setting_the_listing_redraws_the_list(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        entries = now_shown(app).entries
        screen.listing = Listing(entries[2:4], now_shown(app).codes, cursor=1)
        await pilot.pause()
        assert titles(screen) == [entries[2]["title"], entries[3]["title"]]
        assert screen.entry_list.cursor == 1
        screen.listing = Listing((), empty_text="Nothing here, on purpose.")
        await pilot.pause()
        assert "Nothing here, on purpose." in screen_text(app)
        await wait_for(pilot, lambda: screen.highlighted is None)


async def test_a_burst_of_cursor_moves_renders_the_preview_once(
    app: JournalApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        rendered: list[str | None] = []
        show = EntryPreview.show

        def counting(preview: EntryPreview, entry: Any, names: Any) -> None:
            rendered.append(entry["title"] if entry else None)
            show(preview, entry, names)

        monkeypatch.setattr(EntryPreview, "show", counting)
        monkeypatch.setattr("screens.widgets.preview.PREVIEW_DELAY", 0.5)  # a slow machine
        await pilot.press("down", "down", "down", "down")
        await wait_for(pilot, lambda: bool(rendered))
        await pilot.pause(0.2)
        assert rendered == ["Great demo to the sales team"]
        assert screen.preview.entry == screen.entry_list.highlighted


async def test_a_result_over_an_older_snapshot_is_ignored(
    app: JournalApp, journal_store: JournalStore
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        old = now_shown(app)
        assert screen.result is not None and screen.result.snapshot is old
        app.live.write(lambda store: store.entries.add("note", "Newer than the old snapshot"))
        screen.post_message(EntrySaved("e1"))  # as the editor does: the app re-reads
        await wait_for(pilot, lambda: len(titles(screen)) == 7)
        listing = screen.listing
        screen.post_message(EntriesFiltered(apply_filter(old, EntryFilter(text="acme"))))
        await settle(pilot)
        assert screen.listing is listing and len(titles(screen)) == 7


async def test_a_goal_renamed_while_hidden_reaches_the_preview_when_shown(
    app: JournalApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        await pilot.press("down", "down", "down")  # Checkout p95, linked to latency
        await wait_for(pilot, lambda: "latency (Cut checkout latency)" in screen_text(app))
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        built = screen.rebuilds
        app.live.write(lambda store: store.goals.update("latency", title="Faster checkout"))
        app.screen.post_message(EntrySaved("e1"))
        await settle(pilot)
        assert screen.rebuilds == built, "the hidden journal screen rebuilt"
        assert "latency (Cut checkout latency)" in screen.names.values()
        await pilot.press("j")
        await settle(pilot, rest=0.1)
        assert app.screen is screen and screen.rebuilds == built + 1
        assert "latency (Faster checkout)" in screen_text(app)
        assert screen.entry_list.highlighted["title"] == "Checkout p95 is 900 ms"  # type: ignore[index]


async def test_the_filter_bar_gets_its_goals_and_the_period_problem_bound(
    app: JournalApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot, app)
        assert screen.filter_bar.goals == screen.goals == now_shown(app).goals
        screen.filters = FilterValues(period="blorp")
        await wait_for(pilot, lambda: 'cannot read "blorp" as a period' in screen_text(app))
        assert screen.problem is not None and screen.filter_bar.period_problem == screen.problem
        assert screen.filter_bar.period.has_class("-invalid")
        screen.filters = FilterValues()
        await wait_for(pilot, lambda: not screen.filter_bar.period.has_class("-invalid"))
        assert screen.filter_bar.period_problem is None

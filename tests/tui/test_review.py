"""Pilot tests of the review screen: real key presses, a fixed clock, a temp journal."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import Input, Select, TextArea

from journal.store.journal_store import JournalStore
from screens.app import make_app
from screens.review.export import ExportPrompt
from screens.review.panes import EvidenceList, GoalList
from screens.review.screen import ReviewScreen
from tests.tui.helpers import fixed_now, screen_text, wait_for

SIZE = (100, 30)


async def open_review(pilot, app) -> ReviewScreen:  # type: ignore[no-untyped-def]
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
    screen = app.screen
    await wait_for(pilot, lambda: screen.assessment is not None and screen.goal_list.keys)
    return screen


async def go_to(pilot, screen: ReviewScreen, key: str) -> None:  # type: ignore[no-untyped-def]
    """Move the goal list's cursor to `key` with the arrow keys."""
    screen.goal_list.focus()
    for _ in range(20):
        if screen.shown == key:
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(f"{key} not reachable; shown={screen.shown}")


def goal_id(store: JournalStore, code: str) -> str:
    return store.goals.get(code)["id"]


async def test_rate_a_goal_write_a_narrative_quit_reopen_still_there(
    journal_store: JournalStore, settings_file: Path
) -> None:
    revenue = goal_id(journal_store, "revenue")
    app = make_app(journal_store, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        await go_to(pilot, screen, f"goal:{revenue}")
        await pilot.press("enter")  # to the rating
        assert app.focused is screen.query_one("#rating")
        await pilot.press("enter", "down", "down", "down", "enter")  # blank -> Met
        await wait_for(pilot, lambda: screen.query_one("#rating", Select).value == "Met")
        await pilot.press("tab")
        assert app.focused is screen.query_one("#narrative")
        await pilot.press(*"Signed Acme [/] mid-sente")
        await pilot.press("ctrl+q")  # quit at once: before the debounced save fires
    path = journal_store.path
    journal_store.close()

    reopened = JournalStore(path)
    [saved] = reopened.reviews.all()
    assert saved["goals"][revenue]["rating"] == "Met"
    assert saved["goals"][revenue]["narrative"] == "Signed Acme [/] mid-sente"
    assert saved["status"] == "draft" and saved["period"]["label"] == "2026"
    app = make_app(reopened, now=fixed_now, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        assert screen.query_one("#review-select", Select).value == saved["id"]
        await go_to(pilot, screen, f"goal:{revenue}")
        assert screen.query_one("#rating", Select).value == "Met"
        assert screen.query_one("#narrative", TextArea).text == "Signed Acme [/] mid-sente"
        assert "Signed Acme [/] mid-sente" in screen_text(app)


async def test_opening_the_screen_writes_nothing(journal_store: JournalStore, app) -> None:  # type: ignore[no-untyped-def]
    before = journal_store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        await go_to(pilot, screen, f"goal:{goal_id(journal_store, 'enterprise')}")
        await pilot.pause(1.0)
    assert journal_store.path.read_bytes() == before


async def test_space_drops_evidence_and_the_counts_follow(journal_store: JournalStore, app) -> None:  # type: ignore[no-untyped-def]
    revenue = goal_id(journal_store, "revenue")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        await go_to(pilot, screen, f"goal:{revenue}")
        report = screen._report(f"goal:{revenue}")
        assert report is not None
        found = len(report.found)
        assert found == 3  # direct, via the sub-goal, via the personal goal
        evidence = screen.query_one(EvidenceList)
        evidence.focus()
        await pilot.press("space")
        await wait_for(pilot, lambda: len(screen._report(f"goal:{revenue}").evidence) == found - 1)
        assert screen.review is not None
        dropped = screen.review["goals"][revenue]["excluded"]
        assert len(dropped) == 1 and dropped[0] not in evidence.selected
        await pilot.press("space")  # and back in
        await wait_for(pilot, lambda: len(screen._report(f"goal:{revenue}").evidence) == found)
        await pilot.press("ctrl+q")
    assert journal_store.reviews.all() == []  # dropped and taken back: nothing written in


async def test_period_in_words_and_a_bad_one(journal_store: JournalStore, app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        period = screen.query_one("#period", Input)
        period.focus()
        period.value = ""
        await pilot.press(*"someday")
        await pilot.pause()
        assert "cannot read" in screen_text(app) and "someday" in screen_text(app)
        assert screen.period is not None and screen.period.label == "2026"  # unchanged
        period.value = ""
        await pilot.press(*"Q1 2026")
        await wait_for(
            pilot,
            lambda: screen.assessment is not None and screen.assessment.period.label == "Q1 2026",
        )
        assert "cannot read" not in screen_text(app)
        # The latency note (40 days before NOW) is in Q1: no gap; readiness counts 2 goals.
        assert [g.code for g in screen.assessment.gaps] == []
        assert screen.assessment.readiness.goals == 2


async def test_overview_shows_readiness_gaps_and_feedback(journal_store: JournalStore, app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot, app)
        text = screen_text(app)
        assert "Readiness" in text and "evidence 2/2" in text and "rated 0/2" in text
        assert "Feedback received" in text and "1 praise" in text


async def test_export_from_the_screen_and_copy(
    journal_store: JournalStore,
    app,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    target = tmp_path / "mine.html"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, app)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        field = app.screen.query_one(Input)
        field.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        await wait_for(pilot, lambda: str(target) in screen_text(app))
        assert target.read_text().startswith("<!DOCTYPE html>")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        # Again: the prompt asks before replacing the file.
        target.write_text("keep me")
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert "exists" in screen_text(app)
        await pilot.press("escape")
        assert target.read_text() == "keep me"
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.clipboard.startswith("# 2026 self-assessment"))
        assert "## Grow enterprise revenue" in app.clipboard


async def test_works_with_the_wall_clock_and_user_text_is_never_markup(
    store: JournalStore,
) -> None:
    """`make_app` with no clock given (the harness never shapes the screen's code)."""
    store.goals.add("[bold]Goal[/] \x1b[31m", code="odd")
    store.entries.add("win", "[/] closing tag first", goals=["odd"])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ReviewScreen) and app.screen.assessment is not None,
        )
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await go_to(pilot, screen, f"goal:{store.goals.get('odd')['id']}")
        text = screen_text(app)
        assert "[bold]Goal[/] \u241b[31m" in text
        assert "[/] closing tag" in text
        assert screen.query_one(GoalList).option_count >= 2


def test_draft_writer_keeps_the_newest_version_and_one_record(store: JournalStore) -> None:
    from journal.live import LiveJournal
    from journal.review.saved import new_review
    from screens.review.draft import DraftWriter
    from tests.unit.golden.sample import H1

    writer = DraftWriter(LiveJournal(store))
    live = new_review(H1)
    first = writer.write(live, {**live, "summary": "v1"}, 1)
    assert first is not None
    assert writer.write(live, {**live, "summary": "v3"}, 3) is not None
    assert writer.write(live, {**live, "summary": "v2 (late)"}, 2) is None  # lost the race
    [saved] = store.reviews.all()
    assert saved["id"] == first["id"] and saved["summary"] == "v3"

"""Small helpers for Pilot tests: read the screen as plain text, wait for workers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from journal.store.journal_store import JournalStore
from screens.app import JournalApp, make_app


def screen_text(app: App[object]) -> str:
    """What the terminal shows, as plain lines (what a user reads)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


async def wait_for(
    pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 3.0
) -> None:
    """Let the app run until `condition()` holds (workers finish in other threads)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        await pilot.pause(0.02)


def notices(app: App[object]) -> list[str]:
    """The messages of the notifications on show."""
    return [n.message for n in app._notifications]


async def settle(pilot: Pilot[Any], rounds: int = 2) -> None:
    """Let thread workers finish and their results reach the screen."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@asynccontextmanager
async def app_on_screen(
    store: JournalStore,
    key: str,
    screen: type[Screen[Any]],
    now: datetime,
    size: tuple[int, int] = (100, 30),
) -> AsyncIterator[tuple[JournalApp, Pilot[None]]]:
    """The real app on `store` with a fixed clock, switched to a screen by its key."""
    app = make_app(store, now=lambda: now)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, screen)
        yield app, pilot

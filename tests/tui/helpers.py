"""Small helpers for Pilot tests: read the screen as plain text, wait for workers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot


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

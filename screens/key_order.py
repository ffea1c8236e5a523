"""Keys one at a time: the next key is handed out only once the last one was handled.

Textual hands each key to the focused widget's queue as soon as it arrives, and a key no
widget takes (tab, or a screen's binding) comes back to the app for its bindings only
after every key queued behind it was already handed out. So ctrl+s (a priority binding,
run on arrival) saved the text before the keys typed just ahead of it were inserted, and
keys typed right after tab went to the field being left. The app holds keys here and
lets the next one go when the last was stopped by a widget, came back to the app, or
was taken by a priority binding; a key in flight for MAX_WAIT lets the next go anyway,
so a key a widget drops silently can delay typing but never block it. A paste is held
in the same queue (it would otherwise land before the keys typed ahead of it).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from time import monotonic
from typing import Any

from textual import events
from textual.app import App

Typed = events.Key | events.Paste

MAX_WAIT = 0.25
"""Seconds a key may be in flight before the next one is handed out regardless."""
POLL = 0.002


class KeyOrder:
    """Deliver raw keys to the app's own handling in order, one finished key at a time."""

    def __init__(self, app: App[Any], deliver: Callable[[Typed], Awaitable[None]]):
        self._app, self._deliver = app, deliver
        self._held: deque[Typed] = deque()
        self._flight: Typed | None = None
        self._since = 0.0
        self._polling = False

    async def arrived(self, event: Typed) -> None:
        """A key from the terminal: queue it behind any key still being handled."""
        self._held.append(event)
        await self._release()

    async def returned(self, event: Typed) -> None:
        """A key came back to the app and its bindings ran: it is finished."""
        if event is self._flight:
            self._flight = None
            await self._release()

    def _finished(self) -> bool:
        key = self._flight
        return (
            key is None
            or key._stop_propagation  # a widget took it
            or not key.is_forwarded  # a priority binding took it
            or monotonic() - self._since > MAX_WAIT
        )

    async def _release(self) -> None:
        while self._held and self._finished():
            key = self._held.popleft()
            self._flight, self._since = key, monotonic()
            await self._deliver(key)
        if self._held and not self._polling:
            self._polling = True
            self._app.set_timer(POLL, self._poll)

    async def _poll(self) -> None:
        self._polling = False
        await self._release()

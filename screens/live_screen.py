"""The base of the app's top-level screens: data comes down, and hidden screens wait.

The app sets every screen's `snapshot` reactive when the journal changes (our write or
another process's). A screen on show rebuilds its view from it at once; a hidden one (in
another mode) only notes that it is behind and rebuilds when it is shown again. Screens
write through `live.write(change)` in thread workers and never touch a lock.
"""

from __future__ import annotations

from textual import events, on
from textual.reactive import reactive
from textual.screen import Screen

from journal.live import LiveJournal, Snapshot


class LiveScreen(Screen[None]):
    """A screen that computes its view from the app's `snapshot`."""

    snapshot: reactive[Snapshot | None] = reactive(None, init=False)

    def __init__(self, live: LiveJournal) -> None:
        super().__init__()
        self.live = live
        self._built_from: Snapshot | None = None  # the snapshot the view was built from
        self.rebuilds = 0  # how many times the view was rebuilt (tests count them)

    @property
    def in_view(self) -> bool:
        """True while the screen is in the active mode's stack (under a dialog counts)."""
        return self.is_mounted and self in self.app.screen_stack

    def watch_snapshot(self, snapshot: Snapshot | None) -> None:
        if snapshot is None:
            return
        if self.in_view:
            self._rebuild(snapshot)

    @on(events.ScreenResume)
    def _catch_up_when_shown(self) -> None:
        """Shown again: catch up with what changed while hidden."""
        if self.snapshot is not None and self.snapshot is not self._built_from:
            self._rebuild(self.snapshot)

    def _rebuild(self, snapshot: Snapshot) -> None:
        self._built_from = snapshot
        self.rebuilds += 1
        self.show_snapshot(snapshot)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Rebuild the view from `snapshot` (each screen)."""
        raise NotImplementedError

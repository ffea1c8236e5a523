"""An encrypted journal's life in the app: the unlock prompt, the idle lock, and its
settings kept inside it. The app holds one `JournalLock` (`app.locking`) and asks it.

A journal that is locked opens on `screens.unlock.UnlockScreen` (a masked field) and the
journal is read only after it; the prompt dismisses with what the inbox merge did, and
that is said in a notice. After `idle_lock` seconds without a key or a click (settings:
`idle_lock_minutes`, default 10) the app locks itself: drafts are flushed, the store
forgets its keys and document, the screens are handed an empty snapshot and the unlock
prompt covers them. While the prompt is up nothing of the journal can be reached (no
screen switch, palette, import or theme). Its settings (theme, idle lock) and every draft
live inside the journal document (`journal.drafts.keep_inside`): read from the first
snapshot after unlock, written through `live.write`, never to the settings file.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from journal.errors import JournalError
from journal.live import APP_SETTINGS_KEY, IDLE_LOCK_MINUTES, Snapshot
from journal.store.journal_store import JournalStore
from screens.messages import DiskProblem
from screens.settings import idle_lock_seconds

if TYPE_CHECKING:
    from screens.app import JournalApp

LOCKED_OUT = ("switch", "command_palette", "import", "change_theme")  # none while locked


class JournalLock:
    """The app's encrypted-journal lifecycle: unlock, idle lock, settings inside."""

    def __init__(self, app: JournalApp, idle_lock: float | None = IDLE_LOCK_MINUTES * 60):
        self._app = app
        self.live = app.live
        self.idle_lock = idle_lock  # seconds; None: never (only an encrypted journal locks)
        self.idle_lock_fixed = False  # True: `idle_lock` was given; the journal's setting waits
        self.locked = False
        self._last_activity = time.monotonic()
        self._inside_settings_read = False  # an encrypted journal's settings, read once unlocked

    def touched(self) -> None:
        """A key, a paste or a click: the idle lock starts counting again."""
        self._last_activity = time.monotonic()

    def blocks(self, action: str) -> bool:
        """True for an action that would reach the journal while the prompt is up."""
        return self.locked and action in LOCKED_OUT

    def open(self) -> None:
        """At start: the unlock prompt when the journal is locked, else read it."""
        if self._needs_unlock():
            self._show_unlock()
        else:
            self._app.reload()

    def idle_check(self) -> bool:
        """Lock when idle for too long; True while locked (the poll then does nothing)."""
        if self.locked:
            return True
        idle = time.monotonic() - self._last_activity
        if self.idle_lock is not None and idle >= self.idle_lock and self.live.encrypted:
            self.lock_now()
            return True
        return False

    def lock_now(self) -> None:
        """The idle lock: keep drafts, drop the keys and every decrypted copy, ask again."""
        if self.locked:
            return
        self._app.flush_drafts()
        self._inside_settings_read = False
        self._app.hand_out(self.live.lock())
        minutes = round((self.idle_lock or 0) / 60)
        self._show_unlock(f"Locked after {minutes} minutes without a key press.")

    def _needs_unlock(self) -> bool:
        """Encrypted, and no key at hand (none given, none cached by `journal unlock`)."""
        from journal.storage import crypto, unlocking

        if not crypto.file_is_encrypted(self.live.path):
            return False
        try:
            header = unlocking.read_header(self.live.path)
        except crypto.CryptoError:
            return False  # damaged: the storage's refusal says so, with the backup to use
        if header is None or self.live.has_keys_for(header.journal_id):
            return False
        cached = unlocking.cached(header)
        if cached is not None:
            self.live.use_keys(cached)
            return False
        return True

    def _show_unlock(self, reason: str = "") -> None:
        from screens.unlock import UnlockScreen

        self.locked = True
        self._app.push_screen(UnlockScreen(self.live, reason), self._unlocked)

    def _unlocked(self, report: str | None) -> None:
        """Unlocked: read the journal, and say what the inbox merge did (if anything)."""
        self.locked = False
        self.touched()
        self._app.reload()
        if report:
            aside = "set aside" in report or "dropped" in report
            self._app.notify(
                report,
                title="Inbox",
                severity="warning" if aside else "information",
                timeout=15,
                markup=False,
            )

    # -- settings inside the journal ----------------------------------------------------

    def snapshot_read(self, snapshot: Snapshot) -> None:
        """The first snapshot after unlock: take the journal's own settings from it."""
        if not self._inside_settings_read and self.live.encrypted:
            self._use_inside_settings(snapshot.meta.get(APP_SETTINGS_KEY))

    def _use_inside_settings(self, kept: object) -> None:
        """An encrypted journal's settings (its meta record), once it is unlocked."""
        self._inside_settings_read = True
        settings = kept if isinstance(kept, dict) else {}
        if not self.idle_lock_fixed:
            self.idle_lock = idle_lock_seconds(settings)
        theme = settings.get("theme")
        app = self._app
        if isinstance(theme, str) and theme != app.theme and app.get_theme(theme) is not None:
            app.theme = theme

    def keeps_settings(self) -> bool:
        """True on an encrypted file: its settings are inside it, never in the config folder."""
        from journal.storage.crypto import file_is_encrypted

        return file_is_encrypted(self.live.path)

    def save_theme(self, name: str) -> None:
        """Remember the theme inside the journal (once its own settings were read)."""
        if self._inside_settings_read and not self.locked:
            self._app.run_worker(
                lambda: self._write_theme(name),
                thread=True,
                exclusive=True,
                group="settings",
                description="save settings",
            )

    def _write_theme(self, name: str) -> None:
        def change(store: JournalStore) -> None:
            kept = store.meta().get(APP_SETTINGS_KEY)
            store.set_meta(
                APP_SETTINGS_KEY, {**(kept if isinstance(kept, dict) else {}), "theme": name}
            )

        try:
            self.live.write(change)
        except JournalError as err:
            self._app.post_message(DiskProblem(f"Could not remember the theme: {err}"))

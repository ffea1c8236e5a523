"""The app: `make_app(store)` builds the TUI from an injected store (no hidden paths).

Screens are Textual MODES, one per top-level screen (`j` journal, `g` goals, `s` skills,
`r` review, `o` coach, `w` weekly review): each keeps its own stack, so an open editor
stays with its screen and a screen keeps its filters and cursor while you look elsewhere.
The others are built by `screens.modes` when first opened.

The app owns `live` (`journal.live.LiveJournal`: the store, the clock, the current
snapshot). Data goes down: after our own write (a `JournalWritten` event bubbling up) or
when the once-a-second poll finds another process's write, a worker fetches the snapshot
and posts `JournalRead`; the app then sets every screen's `snapshot` reactive (a hidden
screen rebuilds when shown, `screens.live_screen`). Keys reach the screens one finished
key at a time (`screens.key_order`), so a save sees every key typed before it. On SIGHUP
or SIGTERM (the terminal closed, a polite kill) every screen's draft is written before the
app leaves (`flush_drafts`). When another program rolls the journal back or deletes it,
the storage keeps what the app held as a backup (`journal.storage.rollback`) and the poll
says so. The theme is remembered in a small settings file: read once in `make_app` before
the app starts, written in a worker when the theme changes.

An encrypted journal's lifecycle (the unlock prompt, the idle lock, its settings kept
inside it) is `screens.locking.JournalLock`, which the app holds as `locking`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from journal import drafts
from journal.coach.settings import CoachSettings
from journal.errors import JournalError
from journal.live import IDLE_LOCK_MINUTES, LiveJournal, Snapshot
from journal.store.journal_store import JournalStore
from journal.timestamps import local_now
from screens import hang_ups
from screens.commands import EntryCommands, GoalCommands, ScreenCommands, SkillCommands
from screens.journal import JournalScreen
from screens.key_order import KeyOrder
from screens.live_screen import LiveScreen
from screens.locking import JournalLock
from screens.messages import (
    DiskProblem,
    JournalRead,
    JournalWritten,
    RolledBack,
    SettingsNotSaved,
    ShowEntry,
    ShowGoal,
    ShowSkill,
    SwitchScreen,
)
from screens.modes import ScreenUnavailable, build_screen, forward_copy
from screens.screenshot import take_screenshot
from screens.settings import idle_lock_seconds, load_settings, save_settings

POLL_SECONDS = 1.0
WARM_UP_DELAY = 0.3


class JournalApp(App[None]):
    """The journal TUI."""

    TITLE = "Journal"
    DEFAULT_MODE = "journal"
    COMMANDS = App.COMMANDS | {ScreenCommands, GoalCommands, SkillCommands, EntryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", tooltip="Every key, on every screen"),
        # One footer item for the four screens, so `q Quit` still fits at 80 columns.
        Binding(
            "j", "switch('journal')", "Screens", key_display="j/g/s/r", tooltip="The journal screen"
        ),
        Binding("g", "switch('goals')", "Goals", show=False, tooltip="The goals screen"),
        Binding("s", "switch('skills')", "Skills", show=False, tooltip="The skills screen"),
        Binding("r", "switch('review')", "Review", show=False, tooltip="The review screen"),
        Binding("o", "switch('coach')", "Coach", show=False, tooltip="The coach: what to do next"),
        Binding("w", "switch('weekly')", "Weekly", show=False, tooltip="The weekly review"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            show=False,
            tooltip="Command palette: jump to a goal, skill or entry; import; themes",
        ),
        Binding("ctrl+t", "change_theme", "Theme", show=False, tooltip="Choose a theme"),
        Binding("q", "leave", "Quit", tooltip="Quit"),
    ]

    def __init__(
        self,
        store: JournalStore,
        *,
        now: Callable[[], datetime] | None = None,
        settings_path: Path | None = None,
        coach_settings: CoachSettings | None = None,
        idle_lock: float | None = IDLE_LOCK_MINUTES * 60,
    ) -> None:
        super().__init__()
        self.live = LiveJournal(store, now=now or local_now)
        self.coach_settings = coach_settings or CoachSettings()
        self.locking = JournalLock(self, idle_lock)
        self.settings_path = settings_path
        self.snapshot: Snapshot | None = None  # the one every screen was last given
        self._live_screens: list[LiveScreen] = []
        self._modes_added: set[str] = set()
        self._disk_problem: str | None = None
        self._keys = KeyOrder(self, super().on_event)
        drafts.keep_inside(self.live)  # an encrypted journal keeps its drafts in its document
        self._add_screen_mode("journal", JournalScreen(self.live, self.coach_settings))

    async def on_event(self, event: events.Event) -> None:
        """Keys (and pastes) are handled one after another, in order (`screens.key_order`)."""
        if isinstance(event, events.Key | events.Paste | events.MouseDown):
            self.locking.touched()
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            await self._keys.arrived(event)
            return
        await super().on_event(event)
        if isinstance(event, events.Key | events.Paste):
            await self._keys.returned(event)

    # -- screens ---------------------------------------------------------------------

    def _add_screen_mode(self, name: str, screen: LiveScreen) -> None:
        """A mode whose one base screen is `screen` (built up front so errors show early)."""
        self._live_screens.append(screen)
        if self.snapshot is not None:
            screen.snapshot = self.snapshot
        self.add_mode(name, lambda: screen)
        self._modes_added.add(name)

    def _ensure_mode(self, name: str) -> bool:
        """Register a lazily imported screen's mode; False (with a notice) if unavailable."""
        if name in self._modes_added:
            return True
        try:
            screen = build_screen(name, self.live, self.coach_settings)
        except ScreenUnavailable as err:
            self.notify(str(err), severity="warning", markup=False)
            return False
        except Exception as err:  # noqa: BLE001 - a broken screen must not take the app down
            self._screen_failed(name, err)
            return False
        self._add_screen_mode(name, screen)
        return True

    def _screen_failed(self, name: str, err: BaseException) -> None:
        self.log.error(f"{name} screen: {err!r}")
        self.notify(f"The {name} screen could not be opened: {err}", severity="error", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Inside a dialog, plain letters never switch screens or quit (ctrl+q still quits)."""
        if self.locking.blocks(action):
            return False  # nothing of the journal while the unlock prompt is up
        return not (action in ("switch", "leave") and isinstance(self.screen, ModalScreen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, with a Screenshot that is private and says where it went."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
        yield SystemCommand(
            "Screenshot",
            "Save an SVG of this screen (0600) to Downloads, or your home folder",
            lambda: self.set_timer(0.1, lambda: take_screenshot(self)),
        )

    def action_leave(self) -> None:
        self.exit()

    def action_switch(self, name: str) -> None:
        if self._ensure_mode(name):
            self.switch_mode(name)

    def action_import(self) -> None:
        """Open `screens.import_dialog.ImportScreen(live)`; reload when it imported."""
        try:
            from screens.import_dialog import ImportScreen
        except Exception as err:  # noqa: BLE001 - written elsewhere; never fatal here
            self._screen_failed("import", err)
            return

        def imported(summary: object) -> None:
            if summary is not None:
                self.reload()

        self.push_screen(ImportScreen(self.live), imported)

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(type(self.screen).__name__))

    @on(SwitchScreen)
    def _switch_requested(self, event: SwitchScreen) -> None:
        self.action_switch(event.name)

    @on(ShowEntry)
    @on(ShowGoal)
    @on(ShowSkill)
    async def _show_requested(self, event: ShowEntry | ShowGoal | ShowSkill) -> None:
        mode = {ShowEntry: "journal", ShowGoal: "goals", ShowSkill: "skills"}[type(event)]
        if not self._ensure_mode(mode):
            return
        await self.switch_mode(mode)
        forwarded = forward_copy(event)
        forwarded.stop()  # handled by the screen only: it must not bubble back up to us
        self.screen_stack[0].post_message(forwarded)

    # -- keeping up with the journal -------------------------------------------------

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.locking.open()
        self.set_interval(POLL_SECONDS, self._poll)
        hang_ups.catch(self._hung_up)

    def on_unmount(self) -> None:
        hang_ups.release()

    def _hung_up(self) -> None:
        """The terminal closed or a polite kill (`screens.hang_ups`): keep every draft
        first, synchronously, then leave."""
        self.flush_drafts()
        self.exit()

    def flush_drafts(self) -> None:
        """Write every screen's unsaved work now (screens with a `flush_draft`)."""
        for screen in {*self._live_screens, *self.screen_stack}:
            flush = getattr(screen, "flush_draft", None)
            if callable(flush):
                try:
                    flush()
                except Exception as err:  # noqa: BLE001 - one screen must not stop the rest
                    self.log.error(f"flushing {screen!r}: {err!r}")

    @on(JournalWritten)
    def _written(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Fetch the live journal's snapshot in a worker, then hand it to every screen."""
        self._read_snapshot()

    @work(thread=True, exclusive=True, group="snapshot", description="read the journal")
    def _read_snapshot(self) -> None:
        try:
            snapshot = self.live.snapshot()
        except JournalError as err:
            self.post_message(DiskProblem(str(err)))
            return
        self.post_message(JournalRead(snapshot))

    @on(JournalRead)
    def _snapshot_ready(self, event: JournalRead) -> None:
        """Data down: every screen's `snapshot` (hidden ones rebuild when shown)."""
        snapshot = event.snapshot
        if self.snapshot is not None and snapshot.generation <= self.snapshot.generation:
            return  # an older read finishing late
        self.hand_out(snapshot)
        self.locking.snapshot_read(snapshot)
        if event.external:
            self.notify("The journal was changed by another program; reloaded.", markup=False)
        self.set_timer(WARM_UP_DELAY, lambda: self._warm_up(snapshot))

    def hand_out(self, snapshot: Snapshot) -> None:
        """This snapshot to every screen (the locked one too: empty)."""
        self.snapshot = snapshot
        for screen in self._live_screens:
            screen.snapshot = snapshot

    @work(thread=True, exclusive=True, group="warm-up", description="fold search text")
    def _warm_up(self, snapshot: Snapshot) -> None:
        """Fold the search text once the list is on screen, not before it."""
        snapshot.haystacks  # noqa: B018 - a cached property: reading it computes it

    def _poll(self) -> None:
        if not self.locking.idle_check():
            self._check_disk()

    @work(thread=True, exclusive=True, group="poll", description="check the file")
    def _check_disk(self) -> None:
        try:
            newer = self.live.catch_up()
        except JournalError as err:
            self.post_message(DiskProblem(str(err)))
            return
        finally:  # noticed by this read or any other (a save, a snapshot): say so once
            for message in self.live.take_rollbacks():
                self.post_message(RolledBack(message))
        self.post_message(DiskProblem(None))
        if newer is not None:
            self.post_message(JournalRead(newer, external=self.snapshot is not None))

    @on(RolledBack)
    def _rolled_back(self, event: RolledBack) -> None:
        self.notify(
            event.message, title="Journal went back", severity="warning", timeout=30, markup=False
        )

    @on(DiskProblem)
    def _disk_problem_seen(self, event: DiskProblem) -> None:
        message = event.message
        if message is not None and message != self._disk_problem:
            self.notify(message, title="Journal file", severity="error", timeout=10, markup=False)
        self._disk_problem = message

    # -- theme -----------------------------------------------------------------------

    def _theme_changed(self, theme: Theme) -> None:
        if self.locking.keeps_settings():  # kept inside it, never in the config folder
            self.locking.save_theme(theme.name)
        elif self.settings_path is not None:
            self._save_theme(self.settings_path, theme.name)

    @work(thread=True, exclusive=True, group="settings", description="save settings")
    def _save_theme(self, path: Path, name: str) -> None:
        try:
            save_settings(path, {"theme": name})
        except (OSError, JournalError) as err:  # JournalError: its folder cannot be made
            self.post_message(SettingsNotSaved(f"Could not remember the theme: {err}"))

    @on(SettingsNotSaved)
    def _settings_not_saved(self, event: SettingsNotSaved) -> None:
        self.notify(event.message, severity="warning", markup=False)


def make_app(
    store: JournalStore,
    *,
    now: Callable[[], datetime] | None = None,
    settings_path: Path | None = None,
    coach_settings: CoachSettings | None = None,
    idle_lock: float | None = None,
) -> JournalApp:
    """Build the app on a store; the theme and the idle lock come from the settings file
    when it has them (`idle_lock` in seconds overrides the setting). The coach's settings
    are given (`run_app` reads the config file): tests never read it."""
    from journal.storage.crypto import file_is_encrypted

    # An encrypted journal's settings are inside it: defaults until it is unlocked.
    settings = {} if file_is_encrypted(store.path) else load_settings(settings_path)
    fixed = idle_lock is not None
    if idle_lock is None:
        idle_lock = idle_lock_seconds(settings)
    app = JournalApp(
        store,
        now=now,
        settings_path=settings_path,
        coach_settings=coach_settings,
        idle_lock=idle_lock,
    )
    app.locking.idle_lock_fixed = fixed
    theme = settings.get("theme")
    if isinstance(theme, str) and app.get_theme(theme) is not None:
        app.theme = theme
    return app


def run_app(store: JournalStore) -> None:
    """Open the TUI on a store, remembering the theme in the user's settings file."""
    from journal.coach.settings import load_settings
    from journal.paths import settings_path

    make_app(store, settings_path=settings_path(), coach_settings=load_settings()).run()

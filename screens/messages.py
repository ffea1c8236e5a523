"""App-level messages: requests in the imperative, events in the past tense.

How the journal stays in step across screens (data down, events up):

* A screen writes with `live.write(change)` in a worker, then posts one of the
  `JournalWritten` events (`EntrySaved`, `EntryDeleted`, `GoalSaved`, ...). They bubble
  to the app, which fetches the live journal's snapshot in a worker (`JournalRead`) and
  sets every screen's `snapshot` reactive (`screens.live_screen`).
* The app also asks the live journal about once a second whether the file changed (a
  `journal add` in another terminal): a newer snapshot arrives as `JournalRead` with
  `external=True`.

Requests (`ShowEntry`, `ShowGoal`, `ShowSkill`, `SwitchScreen`) are posted to the app by
command-palette hits and screens; the app switches screen and forwards the `Show*`
request to the target screen, which may handle it (`on_show_goal`) to select the row.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from journal.live import Snapshot
from journal.records import Entry


@dataclass
class JournalRead(Message, bubble=False):
    """A worker read the journal: the app hands this snapshot to every screen."""

    snapshot: Snapshot
    external: bool = False


@dataclass
class DiskProblem(Message, bubble=False):
    """Reading the journal file failed (`message`), or works again (None)."""

    message: str | None


@dataclass
class RolledBack(Message, bubble=False):
    """Another program took entries away; the storage kept a copy (the message says where)."""

    message: str


@dataclass
class JournalWritten(Message):
    """Base of the events a screen posts after saving; the app then reloads everything."""


@dataclass
class EntrySaved(JournalWritten):
    """An entry was added or changed."""

    entry_id: str


@dataclass
class EntryDeleted(JournalWritten):
    """An entry was deleted (the screen keeps `record` for undo)."""

    entry_id: str
    record: Entry | None = None


@dataclass
class EntryRestored(JournalWritten):
    """A deleted entry was put back."""

    entry_id: str


@dataclass
class WriteFailed(Message):
    """A write was refused or failed (`message` says why); nothing was saved."""

    title: str
    message: str
    undo: Entry | None = None  # a deletion being undone goes back on the undo list


@dataclass
class ReadFailed(Message):
    """A worker could not read what a screen needs (`message` says why); nothing changed."""

    title: str
    message: str


@dataclass
class EditedInTwoPlaces(Message):
    """An edit replaced fields another program had changed meanwhile (`fields`)."""

    entry_id: str
    fields: list[str]


@dataclass
class GoalSaved(JournalWritten):
    """A goal was added, changed or deleted."""

    goal_id: str


@dataclass
class SkillSaved(JournalWritten):
    """A skill was added, changed or deleted."""

    skill_id: str


@dataclass
class SwitchScreen(Message):
    """Show one of the app's screens: journal, goals, skills or review."""

    name: str


@dataclass
class ShowEntry(Message):
    """Open the journal screen on this entry."""

    entry_id: str


@dataclass
class ShowGoal(Message):
    """Open the goals screen on this goal."""

    goal_id: str


@dataclass
class ShowSkill(Message):
    """Open the skills screen on this skill."""

    skill_id: str


@dataclass
class PassphraseRefused(Message):
    """The unlock prompt's check failed: `message` says why (wrong, or a damaged file)."""

    message: str


@dataclass
class JournalUnlocked(Message):
    """The unlock prompt's check worked; `report` says what the inbox merge did ("" none)."""

    report: str


@dataclass
class SettingsNotSaved(Message, bubble=False):
    """Writing the settings file failed: `message` says what could not be remembered."""

    message: str

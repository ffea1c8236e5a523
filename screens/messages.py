"""App-level messages: requests in the imperative, events in the past tense.

How the journal stays in step across screens:

* A screen that wrote to the store posts one of the `JournalWritten` events (`EntrySaved`,
  `EntryDeleted`, `GoalSaved`, ...). They bubble to the app, which re-reads the journal
  in a worker and then posts `JournalChanged` to every live screen.
* The app also polls the store about once a second; when another process wrote the file
  (a `journal add` in another terminal) it does the same, with `external=True`.
* Screens handle `on_journal_changed` to reload what they show; `app.snapshot` then holds
  the freshly read entries, goals and skills.

Requests (`ShowEntry`, `ShowGoal`, `ShowSkill`, `SwitchScreen`) are posted to the app by
command-palette hits and screens; the app switches screen and forwards the `Show*`
request to the target screen, which may handle it (`on_show_goal`) to select the row.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class JournalChanged(Message, bubble=False):
    """The journal changed on disk (our own save or another process's); reload views."""

    external: bool = False


@dataclass
class JournalWritten(Message):
    """Base of the events a screen posts after saving; the app then reloads everything."""


@dataclass
class EntrySaved(JournalWritten):
    """An entry was added or changed."""

    entry_id: str


@dataclass
class EntryDeleted(JournalWritten):
    """An entry was deleted (the screen keeps it for undo)."""

    entry_id: str


@dataclass
class EntryRestored(JournalWritten):
    """A deleted entry was put back."""

    entry_id: str


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

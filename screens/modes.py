"""The app's top-level screens, one Textual mode each: which there are besides the
journal, how one is built when first opened (imported then, not at start), and the copy
of a `Show*` request the app forwards to its screen.

Each is built as `XScreen(live)`; the coached ones (`coach`, `weekly`) also get the
coach's settings, given by the app, never looked up.
"""

from __future__ import annotations

import importlib

from journal.coach.settings import CoachSettings
from journal.live import LiveJournal
from screens.live_screen import LiveScreen
from screens.messages import ShowEntry, ShowGoal, ShowSkill

COACHED_SCREENS = ("coach", "weekly")
LAZY_SCREENS: dict[str, tuple[str, str]] = {
    "goals": ("screens.goals", "GoalsScreen"),
    "skills": ("screens.skills", "SkillsScreen"),
    "review": ("screens.review.screen", "ReviewScreen"),
    "coach": ("screens.coach", "CoachScreen"),
    "weekly": ("screens.weekly", "WeeklyScreen"),
}


class ScreenUnavailable(Exception):
    """There is no such screen, or its module is not written yet: a notice, not an error."""


def build_screen(name: str, live: LiveJournal, coach_settings: CoachSettings) -> LiveScreen:
    """Import and build the `name` screen. Raises `ScreenUnavailable` (its message is the
    notice) when there is none; anything else a broken screen raises goes up as it is."""
    if name not in LAZY_SCREENS:
        raise ScreenUnavailable(f"There is no {name} screen.")
    module_name, class_name = LAZY_SCREENS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name == module_name:
            raise ScreenUnavailable(f"The {name} screen is not available yet.") from err
        raise
    screen_class = getattr(module, class_name)
    screen: LiveScreen = (
        screen_class(live, coach_settings) if name in COACHED_SCREENS else screen_class(live)
    )
    return screen


def forward_copy(event: ShowEntry | ShowGoal | ShowSkill) -> ShowEntry | ShowGoal | ShowSkill:
    """A fresh message for the target screen (a message is handled once)."""
    if isinstance(event, ShowEntry):
        return ShowEntry(event.entry_id)
    if isinstance(event, ShowGoal):
        return ShowGoal(event.goal_id)
    return ShowSkill(event.skill_id)

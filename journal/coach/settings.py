"""The coach's thresholds: a `[coach]` section of the config file the app and CLI share.

The file is TOML, at `$JOURNAL_CONFIG` or `config.toml` in the platform's user config
folder. A missing file or section means the defaults below (the README lists them); a
value of the wrong type is an error that names the key, never silently ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from journal.errors import ValidationError

CONFIG_ENV = "JOURNAL_CONFIG"
NUDGE_KINDS = (
    "off-track",
    "review-coming",
    "weekly-review-due",
    "feedback-to-act-on",
    "no-checkin",
    "quiet-goal",
    "idle-skill",
    "unsmart-goal",
)


@dataclass(frozen=True)
class CoachSettings:
    """When each nudge fires (days) and which question set the weekly review asks."""

    quiet_goal_days: int = 30  # an active goal with no evidence for this long
    feedback_days: int = 7  # constructive/mixed feedback older than this, not acted on
    feedback_window_days: int = 180  # feedback older than this is history, not a nudge
    idle_skill_days: int = 30  # an active skill with no practice entry for this long
    no_checkin_days: int = 30  # a measurable goal with no check-in for this long
    weekly_review_days: int = 7  # no weekly review for this long
    review_coming_days: int = 30  # a saved review whose period ends within this
    disabled: tuple[str, ...] = ()  # nudge kinds never shown
    questions: str = "default"  # "default", "grow", or a Markdown file of questions


def config_path() -> Path:
    """`$JOURNAL_CONFIG`, else `config.toml` in the user config folder."""
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    from journal.paths import APP_NAME

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def load_settings(path: Path | None = None) -> CoachSettings:
    """The `[coach]` section of the config file (defaults when it is absent)."""
    path = config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return CoachSettings()
    except OSError as err:
        raise ValidationError(f"cannot read the config file {path}: {err.strerror}") from None
    import tomllib

    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ValidationError(f"the config file {path} is not valid TOML: {err}") from None
    section = document.get("coach", {})
    if not isinstance(section, dict):
        raise ValidationError(f"{path}: [coach] must be a table")
    return settings_from(section, str(path))


def settings_from(section: dict[str, Any], where: str = "[coach]") -> CoachSettings:
    """Check each known key's type; unknown keys are an error (a typo must not vanish)."""
    known = {f.name: f for f in fields(CoachSettings)}
    values: dict[str, Any] = {}
    for key, value in section.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ValidationError(
                f"{where}: unknown [coach] setting {key!r} (known: {', '.join(sorted(known))})"
            )
        default = known[name].default
        if isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValidationError(f"{where}: [coach] {key} must be a whole number of days")
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValidationError(f"{where}: [coach] {key} must be a list of nudge kinds")
            unknown = [v for v in value if v not in NUDGE_KINDS]
            if unknown:
                raise ValidationError(
                    f"{where}: [coach] {key}: unknown nudge kind {unknown[0]!r} "
                    f"(kinds: {', '.join(NUDGE_KINDS)})"
                )
            value = tuple(value)
        elif not isinstance(value, str):
            raise ValidationError(f"{where}: [coach] {key} must be a string")
        values[name] = value
    return CoachSettings(**values)

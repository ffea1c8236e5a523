"""The [coach] section of the shared config file, the weekly streak, and stored snoozes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.coach.settings import CONFIG_ENV, CoachSettings, config_path, load_settings
from journal.coach.snoozes import dismiss, from_meta, snooze, wake
from journal.coach.streak import streak
from journal.errors import ValidationError
from journal.store.journal_store import JournalStore


def test_missing_file_or_section_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == CoachSettings()
    other = tmp_path / "other.toml"
    other.write_text("[theme]\nname = 'x'\n")
    assert load_settings(other) == CoachSettings()


def test_coach_section_sets_thresholds(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[coach]\nquiet_goal_days = 14\ndisabled = ["idle-skill"]\nquestions = "grow"\n'
    )
    settings = load_settings(path)
    assert settings.quiet_goal_days == 14
    assert settings.disabled == ("idle-skill",)
    assert settings.questions == "grow"
    assert settings.feedback_days == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[coach]\nquiet_goal_day = 3\n", "unknown [coach] setting 'quiet_goal_day'"),
        ("[coach]\nquiet_goal_days = 'soon'\n", "quiet_goal_days must be a whole number"),
        ("[coach]\ndisabled = ['nope']\n", "unknown nudge kind 'nope'"),
        ("[coach\n", "not valid TOML"),
    ],
)
def test_bad_settings_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ValidationError, match=message.replace("[", r"\[")):
        load_settings(path)


def test_config_path_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "c.toml"))
    assert config_path() == tmp_path / "c.toml"
    monkeypatch.delenv(CONFIG_ENV)
    assert config_path().name == "config.toml"


def test_streak_runs_across_a_year_boundary() -> None:
    # 2026 has 53 ISO weeks: W52 (Dec 21), W53 (Dec 28), then 2027-W01 (Jan 4).
    days = [date(2026, 12, 23), date(2026, 12, 31), date(2027, 1, 5)]
    assert date(2026, 12, 31).isocalendar()[:2] == (2026, 53)
    assert streak(days, date(2027, 1, 6)) == 3
    assert streak(days, date(2027, 1, 12)) == 3  # this week still open: not broken yet
    assert streak(days, date(2027, 1, 18)) == 0  # a whole week went by without one
    assert streak([date(2026, 12, 23), date(2027, 1, 5)], date(2027, 1, 6)) == 1


def test_streak_counts_one_week_once() -> None:
    monday = date(2026, 11, 30)
    assert streak([monday, monday + timedelta(days=2)], monday + timedelta(days=3)) == 1
    assert streak([], monday) == 0


def test_snooze_dismiss_and_wake_are_stored_in_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    store = JournalStore(path)
    store.goals.add("Revenue", code="revenue")
    snooze(store, "quiet-goal:revenue", date(2026, 12, 16))
    dismiss(store, "weekly-review-due:weekly")
    reread = from_meta(JournalStore(path).meta())
    assert reread.snoozed == {"quiet-goal:revenue": date(2026, 12, 16)}
    assert reread.dismissed == {"weekly-review-due:weekly"}
    assert wake(store, "quiet-goal:revenue")
    assert not wake(store, "quiet-goal:revenue")
    assert from_meta(JournalStore(path).meta()).snoozed == {}
    with pytest.raises(ValueError, match="belongs to the store"):
        store.set_meta("next", {})

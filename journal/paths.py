"""Where the journal lives: --db, then JOURNAL_DB, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coaching-journal"
ENV_VAR = "JOURNAL_DB"


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "journal.json"


def journal_path(cli_value: str | None = None) -> Path:
    """The journal file to use, honouring the overrides in order."""
    from journal.storage.fileops import refuse_link_loop

    chosen = cli_value or os.environ.get(ENV_VAR) or default_path()
    path = Path(chosen).expanduser().absolute()
    refuse_link_loop(path)  # a loop would look like "no journal here" to every command
    return path


def settings_path() -> Path:
    """App settings (the theme) sit beside the user's data, not in the journal."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "settings.json"

"""The app's own settings (the theme): a small JSON file beside the user's config.

Kept out of a plain journal so a theme change never rewrites the journal file. An
encrypted journal keeps them inside itself instead (its meta record's `settings`, see
docs/encryption.md): nothing about it may sit in the config folder. Reads are forgiving
(a missing or damaged file means defaults); writes are atomic and private.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journal.live import IDLE_LOCK_MINUTES
from journal.storage.fileops import ensure_folder, write_atomically


def load_settings(path: Path | None) -> dict[str, Any]:
    """The saved settings, or {} when there are none or they cannot be read."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(path: Path, changes: dict[str, Any]) -> None:
    """Merge `changes` into the file: temp file, fsync, rename; folder 0700, file 0600."""
    data = {**load_settings(path), **changes}
    ensure_folder(path.parent)  # every missing parent 0700, even under umask 000
    write_atomically(path, [json.dumps(data, indent=2).encode("utf-8")])


def idle_lock_seconds(settings: dict[str, Any]) -> float:
    """The idle lock from the settings' `idle_lock_minutes` (default 10), in seconds."""
    minutes = settings.get("idle_lock_minutes", IDLE_LOCK_MINUTES)
    valid = isinstance(minutes, int | float) and minutes > 0
    return float(minutes if valid else IDLE_LOCK_MINUTES) * 60

"""The app's own settings (the theme): a small JSON file beside the user's config.

Kept out of the journal so a theme change never rewrites the journal file. Reads are
forgiving (a missing or damaged file means defaults); writes are atomic and private.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from journal.storage.fileops import ensure_folder


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            json.dump(data, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

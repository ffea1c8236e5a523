"""An entry being written, kept beside the journal until it is saved or thrown away.

The app's editor writes its fields here shortly after typing stops, and once more when
the app closes or the terminal goes away; the next time the editor opens on the same
entry (or on a new one) it takes the draft back. One draft per journal: the editor is
modal, so only one entry is ever being written. The file is private (0600) like the
journal and written with the one atomic-replace helper; a draft that cannot be read is
treated as none (it is a convenience, never a reason to refuse to start).
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from journal.fileops import replace_atomically


def draft_path(journal: Path) -> Path:
    """`journal.json-draft` beside the journal (not `.journal.json.*`: those are temps)."""
    return journal.with_name(journal.name + "-draft")


def save(journal: Path, entry_id: str | None, fields: dict[str, Any]) -> None:
    """Keep the editor's fields (what is shown, unparsed) for `entry_id` (None: new)."""
    data = {"entry": entry_id, "saved": datetime.now(UTC).isoformat(), "fields": fields}
    replace_atomically(draft_path(journal), [orjson.dumps(data)])


def load(journal: Path) -> dict[str, Any] | None:
    """The draft kept for this journal, or None."""
    try:
        data = orjson.loads(draft_path(journal).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        return None
    return data


def discard(journal: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(draft_path(journal))

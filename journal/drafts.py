"""An entry being written, kept beside the journal until it is saved or thrown away.

The app's editor writes its fields here shortly after typing stops, and once more when
the app closes or the terminal goes away; the next time the editor opens on the same
entry (or on a new one) it takes the draft back. One file per journal holds a draft per
entry ("" for a new one), so starting one entry never overwrites another's draft. The
file is private (0600) like the journal and written with the one atomic-replace helper;
a draft that cannot be read is treated as none (a convenience, never a reason to fail).

An encrypted journal's drafts never sit beside it. In the app (which registers its live
journal with `keep_inside`) they live inside the journal document itself, in the meta
record's "drafts", written through the live journal's one write path and so encrypted
with the rest; the idle lock forgets them with the document, and while locked none is
written. A program with no live journal (a script) keeps them in a private folder under
$XDG_RUNTIME_DIR (RAM, gone at logout), or not at all without one.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from journal.storage.fileops import replace_atomically

if TYPE_CHECKING:
    from journal.live import LiveJournal

META_KEY = "drafts"
_inside: dict[Path, LiveJournal] = {}


def keep_inside(live: LiveJournal) -> None:
    """Keep this live journal's drafts in its own document when it is encrypted."""
    _inside[live.path] = live


def _live_for(journal: Path) -> LiveJournal | None:
    """The registered live journal of an encrypted file, else None (drafts on disk)."""
    from journal.storage.crypto import file_is_encrypted

    live = _inside.get(journal)
    return live if live is not None and file_is_encrypted(journal) else None


def _change_inside(live: LiveJournal, key: str, draft: dict[str, Any] | None) -> None:
    """One write of the meta record's drafts (the live journal's one write path)."""

    def change(store: Any) -> None:
        kept = store.meta().get(META_KEY)
        kept = dict(kept) if isinstance(kept, dict) else {}
        if draft is None:
            kept.pop(key, None)
        else:
            kept[key] = draft
        store.set_meta(META_KEY, kept)

    if draft is None and key not in _read(live.path):
        return  # nothing to forget: no write of the whole document
    live.write(change)


def draft_path(journal: Path) -> Path:
    """`journal.json-draft` beside the journal (not `.journal.json.*`: those are temps)."""
    return journal.with_name(journal.name + "-draft")


def kept_at(journal: Path) -> Path | None:
    """Where drafts are kept: beside a plain journal; in RAM for an encrypted one."""
    from journal.storage.crypto import file_is_encrypted

    if not file_is_encrypted(journal):
        return draft_path(journal)
    from journal.storage.keycache import private_folder

    folder = private_folder(journal, "drafts")
    return None if folder is None else folder / "drafts.json"


def save(journal: Path, entry_id: str | None, fields: dict[str, Any]) -> None:
    """Keep the editor's fields (what is shown, unparsed) for `entry_id` (None: new)."""
    draft = {"saved": datetime.now(UTC).isoformat(), "fields": fields}
    live = _live_for(journal)
    if live is not None:
        _change_inside(live, entry_id or "", draft)
        return
    path = kept_at(journal)
    if path is None:
        return  # encrypted, and nowhere private to keep plaintext: no draft
    kept = _read(journal)
    kept[entry_id or ""] = draft
    replace_atomically(path, [orjson.dumps(kept)])


def load(journal: Path, entry_id: str | None = None) -> dict[str, Any] | None:
    """The draft kept for `entry_id` (None: a new entry): `saved` and `fields`; or None."""
    draft = _read(journal).get(entry_id or "")
    if not isinstance(draft, dict) or not isinstance(draft.get("fields"), dict):
        return None
    return draft


def discard(journal: Path, entry_id: str | None) -> None:
    """Forget the draft for `entry_id`; the file goes with the last one."""
    live = _live_for(journal)
    if live is not None:
        _change_inside(live, entry_id or "", None)
        return
    kept = _read(journal)
    if kept.pop(entry_id or "", None) is None:
        return
    path = kept_at(journal)
    if path is None:
        return
    if kept:
        replace_atomically(path, [orjson.dumps(kept)])
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _read(journal: Path) -> dict[str, Any]:
    live = _live_for(journal)
    if live is not None:
        from journal.errors import JournalError

        try:
            with live.reading() as store:
                kept = store.meta().get(META_KEY)
        except JournalError:  # locked: its drafts are sealed with the rest
            return {}
        return dict(kept) if isinstance(kept, dict) else {}
    path = kept_at(journal)
    if path is None:
        return {}
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}

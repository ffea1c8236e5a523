"""Writing an export the user asked for: atomic, private (0600), never clobbering unless told.

Shared by every export (the review's and the whole journal's, from the CLI and the app),
so they all refuse and replace files the same way.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class JournalTargetError(ValueError):
    """The output names the journal itself or one of its own files (never written)."""


def journal_file(target: Path, journal: Path) -> str | None:
    """What `target` is to the journal at `journal`, if it is the journal's own: the file
    itself (by any name, a link included), its lock, backups, temp files, edit folder or
    drafts. None for any other file."""
    from journal.drafts import draft_path
    from journal.editor import edit_folder
    from journal.storage.backups import folder_for
    from journal.storage.fileops import lock_path_for

    journal = journal.resolve()
    real = target.resolve()
    with contextlib.suppress(OSError):
        if real == journal or os.path.samefile(real, journal):
            return "the journal itself"
    if real == lock_path_for(journal):
        return "the journal's lock file"
    for folder, what in (
        (folder_for(journal), "in the journal's backups folder"),
        (edit_folder(journal), "in the journal's edit folder"),
    ):
        if real == folder or folder in real.parents:
            return what
    if real == draft_path(journal):
        return "the journal's drafts"
    if real.parent == journal.parent and real.name.startswith(f".{journal.name}."):
        return "one of the journal's temp files"
    return None


def write_private(
    path: str | os.PathLike[str],
    text: str,
    overwrite: bool = False,
    journal: Path | None = None,
) -> Path:
    """Write `text` to `path` atomically with mode 0600; refuse to replace unless told.

    The export holds private text, so it is never group- or world-readable. Without
    `overwrite` the file is hard-linked into place, which fails if the name is taken
    even when another process creates it meanwhile (FileExistsError). With `journal`,
    a path that is that journal or one of its files is refused (JournalTargetError),
    with or without `overwrite`: an export must never replace what it was made from.
    """
    target = Path(path).expanduser().absolute()
    if journal is not None and (what := journal_file(target, journal)):
        raise JournalTargetError(what)
    if not overwrite and target.exists():
        raise FileExistsError(f"{target} already exists")
    from journal.storage.fileops import write_atomically

    write_atomically(target, [text.encode("utf-8")], os.replace if overwrite else _link_into_place)
    return target


def _link_into_place(temp: str, target: Path) -> None:
    """No-clobber rename: link then unlink; where links are unsupported, check then replace."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise FileExistsError(f"{target} already exists") from None
    except OSError:
        if target.exists():
            raise FileExistsError(f"{target} already exists") from None
        os.replace(temp, target)
        return
    os.unlink(temp)

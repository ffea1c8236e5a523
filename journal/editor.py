"""Opening $VISUAL / $EDITOR on some text, privately.

The text is private, so the file lives in a folder of its own beside the journal
(JOURNAL.edit, mode 0700), is created 0600, and is removed as soon as the editor has
returned. A file left there means an edit that never finished (a crash, a closed
terminal): `journal doctor` lists them, since they hold what was being written.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from journal.models import ValidationError


class EditorError(Exception):
    """The editor could not be started or did not finish well (nothing is written)."""


def edit_folder(journal: Path) -> Path:
    return journal.with_name(journal.name + ".edit")


def leftovers(journal: Path) -> list[Path]:
    """Files of edits that never finished, oldest first."""
    folder = edit_folder(journal)
    try:
        found = [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime)


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else vi (as git does); split like a shell would."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        try:
            words = shlex.split(chosen)
        except ValueError:
            raise EditorError(f"cannot read the editor command {chosen!r}") from None
        if words:
            return words
    for fallback in ("vi", "nano"):
        if shutil.which(fallback):
            return [fallback]
    raise EditorError("no editor found: set $EDITOR (e.g. export EDITOR=nano)")


def _private_folder(journal: Path) -> Path:
    folder = edit_folder(journal)
    folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def edit(text: str, journal: Path, name: str = "entry") -> str:
    """Let the user edit `text` in their editor and return what they saved."""
    command = editor_command()
    folder = _private_folder(journal)
    fd, temp = tempfile.mkstemp(prefix=f"{name}-", suffix=".txt", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(text.encode("utf-8"))
        try:
            done = subprocess.run([*command, temp])
        except OSError as err:
            raise EditorError(f"cannot start the editor {command[0]!r}: {err.strerror}") from None
        if done.returncode != 0:
            raise EditorError(f"the editor exited with status {done.returncode}")
        raw = Path(temp).read_bytes()
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: another edit may be open
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValidationError(f"the edited text is not UTF-8 (byte {err.start})") from None

"""Opening $VISUAL / $EDITOR on some text, privately.

The text is private, so the file lives in a folder of its own beside the journal
(JOURNAL.edit, mode 0700), is created 0600, and is removed as soon as the editor has
returned. A file left there means an edit that never finished (a crash, a closed
terminal): `journal doctor` lists them, since they hold what was being written.

For an encrypted journal the text must not reach the disk: the file goes in a private
folder under $XDG_RUNTIME_DIR (RAM) instead, with a warning when there is none, and each
edit holds a lock on an `.owner` file beside its text, so the next run can tell an edit
still open from a leftover of a crash and remove the leftover.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from journal.errors import ValidationError
from journal.storage.fileops import describe_os_error


class EditorError(Exception):
    """The editor could not be started or did not finish well (nothing is written)."""


def edit_folder(journal: Path, warn: bool = False) -> Path:
    """Beside the journal; for an encrypted journal, in the runtime folder (RAM) if any."""
    from journal.storage.crypto import file_is_encrypted

    if file_is_encrypted(journal):
        from journal.storage.keycache import private_folder

        found = private_folder(journal, "edit")
        if found is not None:
            return found
        if not warn:
            return beside(journal)
        import sys

        print(
            "journal: warning: the journal is encrypted but there is no private runtime "
            "folder ($XDG_RUNTIME_DIR): the text being edited sits beside the journal, "
            "unencrypted, until the editor closes.",
            file=sys.stderr,
        )
    return beside(journal)


def beside(journal: Path) -> Path:
    return journal.with_name(journal.name + ".edit")


def remove_leftovers(journal: Path) -> int:
    """An encrypted journal: remove plaintext edit files no live edit owns (a crash's)."""
    import fcntl

    from journal.storage.keycache import private_folder

    removed = 0
    for folder in {beside(journal), private_folder(journal, "edit") or beside(journal)}:
        try:
            files = [p for p in folder.iterdir() if p.is_file() and p.suffix != ".owner"]
        except OSError:
            continue
        for file in files:
            owner = file.with_name(file.name + ".owner")
            try:
                fd = os.open(owner, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue  # an editor is open on it right now
            with contextlib.suppress(OSError):
                file.unlink()
                removed += 1
            with contextlib.suppress(OSError):
                owner.unlink()
            os.close(fd)
        with contextlib.suppress(OSError):
            folder.rmdir()
    return removed


def leftovers(journal: Path) -> list[Path]:
    """Files of edits that never finished, oldest first."""
    folder = edit_folder(journal)
    try:
        found = [p for p in folder.iterdir() if p.is_file() and p.suffix != ".owner"]
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
    """The edit folder, made private; EditorError naming it when it cannot be made (a full
    disk, a read-only filesystem, a file in its place)."""
    folder = edit_folder(journal, warn=True)
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    except FileExistsError:
        if not folder.parent.is_dir():
            raise EditorError(
                f"cannot make the private edit folder {folder}: {folder.parent} is not a folder"
            ) from None
        raise EditorError(
            f"cannot make the private edit folder {folder}: a file is in its place (it may "
            "hold an unfinished edit: look at it, then move it away)"
        ) from None
    except OSError as err:
        raise EditorError(
            f"cannot make the private edit folder {folder}: {describe_os_error(err, folder.parent)}"
        ) from None
    return folder


class Draft:
    """One edit's private file (0600), kept until the caller knows the text is safe: it
    is only removed by `discard`, once the text is saved or was left unchanged, so a
    refused save never throws away what was typed (`journal doctor` lists what is left)."""

    def __init__(self, journal: Path, name: str = "entry") -> None:
        from journal.storage.crypto import file_is_encrypted

        self.owner_fd: int | None = None
        self.encrypted = file_is_encrypted(journal)
        if self.encrypted:
            remove_leftovers(journal)
        self.folder = _private_folder(journal)
        try:
            fd, temp = tempfile.mkstemp(prefix=f"{name}-", suffix=".txt", dir=self.folder)
        except OSError as err:
            self.discard()
            raise EditorError(
                f"cannot make a file in the private edit folder {self.folder}: "
                f"{describe_os_error(err, self.folder)}"
            ) from None
        os.close(fd)
        self.path = Path(temp)
        if self.encrypted:  # held until this process ends: the next run leaves it alone
            import fcntl

            self.owner_fd = os.open(
                self.path.with_name(self.path.name + ".owner"),
                os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                0o600,
            )
            fcntl.flock(self.owner_fd, fcntl.LOCK_EX)

    def edit(self, text: str) -> str:
        """Write `text`, let the user edit it, return what they saved. The editor failing
        with the text untouched removes the file; with the text changed it is kept, as
        it is when what comes back cannot be decoded."""
        try:
            command = editor_command()
        except EditorError:
            self.discard()
            raise
        data = text.encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC)
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(data)
        except OSError as err:
            self.discard()
            raise EditorError(
                f"cannot write the edit file in {self.folder}: "
                f"{describe_os_error(err, self.folder)}"
            ) from None
        try:
            done = subprocess.run([*command, str(self.path)])
        except OSError as err:
            self.discard()
            raise EditorError(f"cannot start the editor {command[0]!r}: {err.strerror}") from None
        try:
            raw = self.path.read_bytes()
        except OSError as err:
            raise EditorError(
                f"cannot read back the edit file {self.path}: {describe_os_error(err)}"
            ) from None
        if done.returncode != 0:
            if raw == data:
                self.discard()
                raise EditorError(f"the editor exited with status {done.returncode}")
            raise EditorError(f"the editor exited with status {done.returncode}")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValidationError(f"the edited text is not UTF-8 (byte {err.start})") from None

    def kept(self) -> str:
        """Where the text waits (if it was kept), for a message saying nothing was written."""
        if not self.path.is_file():
            return ""
        if self.encrypted:
            return (
                f"\nWhat you wrote is kept in {self.path} (in memory, not on disk) until "
                "`journal lock`, `journal unlock` or the next edit removes it: copy it "
                "from there now."
            )
        return (
            f"\nWhat you wrote is kept in {self.path} (`journal doctor` lists it): copy "
            "it from there, then delete the file."
        )

    def discard(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            os.unlink(self.path)
        with contextlib.suppress(OSError, AttributeError):
            os.unlink(self.path.with_name(self.path.name + ".owner"))
        if getattr(self, "owner_fd", None) is not None:
            os.close(self.owner_fd)  # type: ignore[arg-type]
            self.owner_fd = None
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only when empty: another edit may be open

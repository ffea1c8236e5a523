"""Durable file operations: the advisory lock, atomic replace, and their error messages.

Shared by the storage (every save) and by `journal doctor --restore` (which must swap a
file the storage refuses to open), so both lock and write exactly the same way.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from journal.errors import JournalError, JournalFileError, JournalReplaced, JournalWriteError

LOCK_TIMEOUT = 10.0
TEMP_SUFFIX = ".tmp"

# Replaces this process has put on disk (counted while a save still holds signals back),
# so the command line's signal handler can tell "interrupted before saving" (exit 130,
# silently) from "saved" (finish, print the entry's line, exit 0: a retrying script must
# not add the same entry twice).
saves_completed = 0

Chunks = Sequence[bytes | memoryview]


Signature = tuple[int, int, int]  # inode, size, mtime_ns: "the same file, unchanged"
ANY: Any = object()  # replace_atomically's `expect` when any file may be replaced


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file a journal path really names, symbolic links followed (a missing target
    too): lock, temp file, replace and backups all go beside it, or the atomic replace
    would turn a link into a plain file and the real journal would never be written."""
    given = Path(path).expanduser().absolute()
    try:
        return given.resolve()
    except RuntimeError:  # Python < 3.13 reports a loop of links this way
        raise JournalFileError(link_loop_message(given)) from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise JournalFileError(link_loop_message(given)) from None
        return given  # opening it says what is wrong


def refuse_link_loop(path: Path) -> None:
    """Refuse a journal path that is (or passes through) a loop of symbolic links, before
    anything is created: one stat, so `journal add` stays fast. Otherwise the path would
    look absent ("no journal at ...") and the open would fail with a traceback."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise JournalFileError(link_loop_message(path)) from None


def link_loop_message(path: Path) -> str:
    return (
        f"Cannot use {path} as the journal: it is a loop of symbolic links (each link "
        "points at another, never at a file), so there is no journal file to open.\n"
        "Point the link at a real file (`ls -l` shows where it points), or point --db "
        "(or $JOURNAL_DB) elsewhere; nothing was created or changed."
    )


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str | None:
    """What a file is, in words, when it is neither a regular file nor a directory."""
    return next((words for test, words in _KINDS if test(mode)), None)


def refuse_special(path: Path) -> None:
    """Refuse a journal path holding a FIFO, a device or a socket, before anything is
    created beside it (a FIFO would hang every read, /dev/zero never ends)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # absent (the first save creates it), or the open reports the error
    kind = special_kind(mode)
    if kind:
        raise JournalFileError(special_message(path, kind))


def special_message(path: Path, kind: str) -> str:
    return (
        f"Cannot use {path} as the journal: it is {kind}, not a journal file.\n"
        "Point --db (or $JOURNAL_DB) at a regular file, or at a path that does not exist "
        "yet; nothing was created or changed."
    )


def temp_prefix(path: Path) -> str:
    """Temp files are hidden siblings, so os.replace stays on one filesystem."""
    return f".{path.name}."


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def take_lock(path: Path, timeout: float | None = None) -> int:
    """Hold the journal's exclusive advisory lock; closing the returned descriptor releases
    it, and so does the kernel if the holder dies (a killed writer never blocks the next)."""
    refuse_special(path)
    ensure_folder(path.parent)
    try:
        fd = os.open(lock_path_for(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as err:
        raise JournalWriteError(
            f"Cannot lock the journal {path}: {describe_os_error(err, path.parent)}."
        ) from None
    if timeout is None:  # read now, not at import: a test (or a caller) may change it
        timeout = LOCK_TIMEOUT
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise JournalError(
                    f"The journal {path} is busy: another journal process has held its lock "
                    f"for over {timeout:.0f} s (the app, busy saving?). Try again."
                ) from None
            time.sleep(0.005)


def write_atomically(
    path: Path, data: Chunks, place: Callable[[str, Path], None] = os.replace
) -> Signature:
    """The one atomic write: a temp file beside `path` (0600), fsync, `place(temp, path)`
    (a rename by default), fsync the folder: old or new, never torn. On any failure the
    temp file is removed, `path` is untouched and the OSError propagates. Returns the new
    file's signature. Used by the journal's saves, every export and the app's settings."""
    import tempfile

    folder = path.parent
    tmp = ""
    try:  # mkstemp inside: no room for even an empty file is a full disk too
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
        try:
            os.fchmod(fd, 0o600)
            for chunk in data:
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view) :]
            os.fsync(fd)
            st = os.fstat(fd)  # a rename keeps inode, size and mtime: this is the new file
            written = (st.st_ino, st.st_size, st.st_mtime_ns)
        finally:
            os.close(fd)
        place(tmp, path)
        tmp = ""
    except BaseException:  # Ctrl-C mid-save too: never leave the copy behind
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    fsync_dir(folder)
    return written


def replace_atomically(
    path: Path,
    data: Chunks,
    before_replace: Callable[[], None] | None = None,
    expect: Signature | None = ANY,
) -> Signature:
    """Save the journal with `write_atomically`; a failure becomes a JournalWriteError
    that says the journal on disk was not changed.

    With `expect` (the signature of the file the caller read, None for no file), the
    file is only replaced if it still is that one; otherwise JournalReplaced is raised
    and another program's file is left in place (see `swap_in`).
    """

    def place(tmp: str, target: Path) -> None:
        if before_replace is not None:
            before_replace()
        if expect is ANY:
            os.replace(tmp, target)
        else:
            swap_in(Path(tmp), target, expect)

    try:
        written = write_atomically(path, data, place)
    except OSError as err:
        raise JournalWriteError(
            f"Could not save the journal {path}: {describe_os_error(err, path.parent)}.\n"
            "The journal on disk was not changed."
        ) from None
    global saves_completed
    saves_completed += 1
    return written


def signature_at(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def swap_in(tmp: Path, path: Path, expect: Signature | None) -> None:
    """Move `tmp` to `path` only if `path` still holds the file the caller read.

    Checked just before the rename; where the system can (Linux renameat2), the rename
    itself swaps the two files, so the one displaced can be checked as well: if a sync
    tool's rename landed in those last microseconds, its file is swapped back.
    """
    if signature_at(path) != expect:
        raise JournalReplaced(f"the journal {path} was replaced while saving")
    if expect is None:
        try:
            if not _rename2(tmp, path, _RENAME_NOREPLACE):
                os.replace(tmp, path)
        except FileExistsError:
            raise JournalReplaced(f"the journal {path} was created while saving") from None
        return
    if not _rename2(tmp, path, _RENAME_EXCHANGE):
        os.replace(tmp, path)
        return
    if signature_at(tmp) != expect:  # `tmp` now names the file we displaced
        _rename2(tmp, path, _RENAME_EXCHANGE)
        raise JournalReplaced(f"the journal {path} was replaced while saving")
    with contextlib.suppress(OSError):
        os.unlink(tmp)


_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2
_renameat2: Any = None


def _rename2(source: Path, target: Path, flags: int) -> bool:
    """renameat2(2) with `flags`; False where the system or filesystem does not offer it."""
    global _renameat2
    if _renameat2 is None:
        _renameat2 = False
        if sys.platform.startswith("linux"):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            function = getattr(libc, "renameat2", None)
            if function is not None:
                function.argtypes = [
                    ctypes.c_int,
                    ctypes.c_char_p,
                    ctypes.c_int,
                    ctypes.c_char_p,
                    ctypes.c_uint,
                ]
                _renameat2 = (function, ctypes.get_errno)
    if not _renameat2:
        return False
    function, get_errno = _renameat2
    if function(-100, bytes(source), -100, bytes(target), flags) == 0:  # -100: AT_FDCWD
        return True
    code = get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(target))


def refuse_read_only(path: Path) -> None:
    """A journal someone made read-only (chmod a-w) is a wish, not an obstacle to route
    around: the atomic replace would ignore the file's mode, so check it, even as root."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not mode & stat.S_IWUSR:
        raise JournalWriteError(
            f"Could not save the journal {path}: the file is read-only "
            f"(mode {stat.S_IMODE(mode):04o}); make it writable with `chmod u+w` to save.\n"
            "The journal on disk was not changed."
        )


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Let a save that has started finish: Ctrl-C or a polite kill waits the few ms it
    takes, then acts, so the entry being saved is on disk when the process ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    deferred = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ensure_folder(folder: Path) -> None:
    """Create the journal's folder private (0700), and every missing parent with it (mkdir's
    `parents` would make them 0777 under umask 000); leave existing folders' modes alone."""
    if folder.is_dir():
        return
    missing = [folder, *(p for p in folder.parents if not p.is_dir())]
    try:
        for each in reversed(missing):
            try:
                each.mkdir(mode=0o700)
            except FileExistsError:
                if not each.is_dir():
                    raise
                continue  # made by someone else meanwhile: theirs to keep as it is
            os.chmod(each, 0o700)
    except OSError as err:
        raise JournalWriteError(
            f"Cannot create the folder {folder}: "
            f"{describe_os_error(err, Path(err.filename).parent if err.filename else None)}."
        ) from None


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def describe_os_error(err: OSError, folder: Path | None = None) -> str:
    """The error in words. `folder`: where the failed file was being made (a lock or temp
    file of ours, a new folder), which is what a permission error must name."""
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno == errno.EFBIG:
        return "the file is larger than this system allows (file size limit)"
    if err.errno in (errno.EACCES, errno.EPERM):
        if folder is not None:
            return f"permission denied: the folder {folder} is read-only for you"
        return f"permission denied ({err.filename or 'the folder'} is read-only for you)"
    if err.errno == errno.EROFS:
        return "the filesystem is read-only"
    return err.strerror or str(err)

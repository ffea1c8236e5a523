"""Issue 5, item 2: a save that cannot be written fails clearly and changes nothing.

Three ways to run out of room, from the most real to the most precise:

* a tiny tmpfs really filled up (bytes, then inodes), when this machine lets us mount one;
* RLIMIT_FSIZE on the CLI process (the kernel refuses writes past the limit: EFBIG);
* a failing writer injected at each step of the save, in-process.

Each time: exit 1 (or JournalWriteError), a message that says what happened, the journal
byte-for-byte unchanged, no temp file left behind, and the next save works once there is
room again. (Keeping the entry being edited in the TUI is the TUI's test.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import resource
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from journal.cli import main
from journal.errors import JournalWriteError
from journal.storage import fileops
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli, seeded, temp_files, tree_snapshot


def assert_refused_cleanly(
    result: subprocess.CompletedProcess[bytes], db: Path, before: bytes, reason: str
) -> None:
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "Traceback" not in err
    assert f"Could not save the journal {db}" in err and reason in err
    assert "not changed" in err
    assert db.read_bytes() == before
    assert not temp_files(db)


# -- a real full disk: a tiny tmpfs ------------------------------------------------------


@contextlib.contextmanager
def tiny_tmpfs(where: Path, options: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path, make: Callable[[int], None]) -> int:
    """Call make(i) until the filesystem says ENOSPC; return how many succeeded."""
    count = 0
    while True:
        try:
            make(count)
        except OSError as err:
            assert err.errno == errno.ENOSPC, err
            return count
        count += 1


def test_full_disk_bytes(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "mnt", "size=256k,mode=0700") as mnt:
        db = mnt / "journal.json"
        seeded(db).entries.add("note", "Padding.", body="p" * 40_000)
        cli(db, "add", "note", "second save, so a backup exists")
        before = db.read_bytes()

        def grow(i: int) -> None:
            with open(mnt / "filler", "ab") as handle:
                handle.write(b"\0" * 4096)
                handle.flush()
                os.fsync(handle.fileno())

        fill(mnt, grow)
        result = cli(db, "add", "note", "this does not fit")
        assert_refused_cleanly(result, db, before, "the disk is full")
        listed = cli(db, "list")
        assert listed.returncode == 0 and b"Padding." in listed.stdout
        (mnt / "filler").unlink()
        assert cli(db, "add", "note", "room again").returncode == 0
        assert b"room again" in cli(db, "list").stdout


def test_full_disk_no_inodes_left(tmp_path: Path) -> None:
    """With no inode left even the temp file cannot be created: still a clear refusal."""
    with tiny_tmpfs(tmp_path / "mnt", "size=4m,nr_inodes=64,mode=0700") as mnt:
        db = mnt / "journal.json"
        seeded(db).close()
        cli(db, "add", "note", "second save")
        before = db.read_bytes()
        made = fill(mnt, lambda i: (mnt / f"f{i}").touch())
        assert made > 0
        result = cli(db, "add", "note", "no inode for me")
        assert_refused_cleanly(result, db, before, "the disk is full")
        for i in range(made):
            (mnt / f"f{i}").unlink()
        assert cli(db, "add", "note", "inodes again").returncode == 0


# -- the kernel's file size limit --------------------------------------------------------


def test_file_size_limit_in_the_cli(db: Path) -> None:
    seeded(db).entries.add("note", "Big enough to hit the limit.", body="b" * 20_000)
    before = db.read_bytes()
    limit = len(before) + 100  # the journal fits; the journal plus a 5 kB entry does not

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    folder_before = tree_snapshot(db.parent)
    result = cli(db, "add", "note", "-", input=b"x" * 5000, preexec_fn=limited)
    assert_refused_cleanly(result, db, before, "file size limit")
    assert tree_snapshot(db.parent) == folder_before  # not even a stray backup or temp
    assert cli(db, "add", "note", "-", input=b"x" * 5000).returncode == 0


# -- a failing writer, at every step of the save -----------------------------------------


def fail_with(code: int) -> Callable[..., Any]:
    def failing(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return failing


def half_then_full(real: Callable[[int, Any], int]) -> Callable[[int, Any], int]:
    """os.write that writes some bytes, then reports the disk full (a torn temp file)."""
    calls = {"n": 0}

    def write(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real(fd, bytes(data)[: max(1, len(data) // 2)])
        raise OSError(errno.ENOSPC, "No space left on device")

    return write


STEPS = {
    "mkstemp-enospc": (tempfile, "mkstemp", lambda real: fail_with(errno.ENOSPC), "disk is full"),
    "mkstemp-readonly": (tempfile, "mkstemp", lambda real: fail_with(errno.EROFS), "read-only"),
    "fchmod-eperm": (os, "fchmod", lambda real: fail_with(errno.EPERM), "permission denied"),
    "write-half-then-enospc": (os, "write", half_then_full, "disk is full"),
    "write-edquot": (os, "write", lambda real: fail_with(errno.EDQUOT), "quota"),
    "fsync-eio": (os, "fsync", lambda real: fail_with(errno.EIO), "error"),
    "replace-eio": (os, "replace", lambda real: fail_with(errno.EIO), "error"),
    "exchange-eio": (fileops, "_rename2", lambda real: fail_with(errno.EIO), "error"),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_failing_writer_in_process(db: Path, step: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = seeded(db)
    before = db.read_bytes()
    module, name, make, reason = STEPS[step]
    monkeypatch.setattr(module, name, make(getattr(module, name)))
    if step == "replace-eio":  # where renameat2 is missing, the plain rename is used
        monkeypatch.setattr(fileops, "_rename2", lambda *args: False)
    with pytest.raises(JournalWriteError) as caught:
        store.entries.add("note", "lost to the failure")
    monkeypatch.undo()
    message = str(caught.value)
    assert str(db) in message and "not changed" in message
    assert reason.lower() in message.lower(), message
    assert db.read_bytes() == before
    assert not temp_files(db)
    assert "lost to the failure" not in [e["title"] for e in store.entries.all()]
    store.entries.add("note", "works again")
    assert "works again" in [e["title"] for e in JournalStore(db).entries.all()]


def test_failing_writer_through_cli_main(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's own error path: exit 1 and one clear line, no traceback."""
    seeded(db).close()
    before = db.read_bytes()
    monkeypatch.setattr(tempfile, "mkstemp", fail_with(errno.ENOSPC))
    status = main(["--db", str(db), "add", "note", "x"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"journal: Could not save the journal {db}: the disk is full")
    assert db.read_bytes() == before

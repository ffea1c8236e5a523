"""Issue 10, item 11: special files at the journal path.

Anything at the journal path that is not a regular file (or absent) is refused with a
clear message and exit 1, and nothing is created beside it: a FIFO used to hang every
command, `--db /dev/null` created /dev/null.lock, `--db /dev/zero` ran out of memory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.conftest import cli

COMMANDS = (
    ["list"],
    ["add", "note", "must not be written"],
    ["link", "e1", "--goal", "revenue"],
    ["doctor"],
    ["doctor", "--fix"],
    ["doctor", "--restore", "1"],
    ["import", "goals", "GOALS"],
)


def make_fifo(path: Path) -> None:
    os.mkfifo(path, 0o600)


def make_device(major: int, minor: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        try:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
        except PermissionError:
            pytest.skip("cannot make device nodes here")

    return make


SPECIAL = {
    "fifo": (make_fifo, "a named pipe (FIFO)"),
    "null": (make_device(1, 3), "a character device"),
    "zero": (make_device(1, 5), "a character device"),
}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_special_files_are_refused_and_nothing_is_created(tmp_path: Path, kind: str) -> None:
    make, words = SPECIAL[kind]
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    db = folder / "journal.json"
    make(db)
    goals = tmp_path / "goals.md"
    goals.write_text("- Grow revenue\n")
    for args in COMMANDS:
        argv = [str(goals) if a == "GOALS" else a for a in args]
        result = cli(db, *argv, timeout=20)
        err = (result.stderr + result.stdout).decode()
        assert result.returncode == 1, (args, err)
        assert "Traceback" not in err, err
        assert words in err and "not a journal file" in err, (args, err)
        assert sorted(os.listdir(folder)) == ["journal.json"], (args, os.listdir(folder))


def test_dev_null_is_refused_without_a_lock_beside_it(tmp_path: Path) -> None:
    lock = Path("/dev/null.lock")
    if lock.exists():
        pytest.skip("/dev/null.lock exists already")
    try:
        for args in (["add", "note", "x"], ["list"]):
            result = cli(Path("/dev/null"), *args, timeout=20)
            assert result.returncode == 1, result.stderr
            assert b"a character device" in result.stderr
            assert not lock.exists()
    finally:
        if lock.exists():
            lock.unlink()

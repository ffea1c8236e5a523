"""`journal import` reads a bounded regular file: a device, a FIFO or a huge file is refused
at once, naming the file, and the journal is left as it was."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import JOURNAL, Run

MIB = 1024 * 1024
SOURCES = ("jrnl", "goals", "json")


def run_quickly(journal: Run, *args: str) -> subprocess.CompletedProcess[str]:
    """Like the fixture, with a short timeout: a refused import must not hang on its input."""
    env = {**os.environ, "JOURNAL_DB": str(journal.db)}  # type: ignore[attr-defined]
    return subprocess.run(
        [JOURNAL, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=15,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def seeded(journal: Run) -> tuple[Run, bytes]:
    assert journal("goal", "add", "Grow revenue", "--code", "revenue").returncode == 0
    assert journal("add", "note", "Already here").returncode == 0
    return journal, journal.db.read_bytes()  # type: ignore[attr-defined]


@pytest.mark.parametrize("source", SOURCES)
def test_a_device_is_refused_without_reading_it(seeded: tuple[Run, bytes], source: str) -> None:
    journal, before = seeded
    result = run_quickly(journal, "import", source, "/dev/zero")
    assert result.returncode == 2, result.stderr
    assert "/dev/zero is not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert "- as FILE" in result.stderr  # says how to give it a stream
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


@pytest.mark.parametrize("source", SOURCES)
def test_a_fifo_is_refused_without_hanging(journal: Run, tmp_path: Path, source: str) -> None:
    fifo = tmp_path / "export.fifo"
    os.mkfifo(fifo)
    result = run_quickly(journal, "import", source, str(fifo))  # nobody ever writes to it
    assert result.returncode == 2, result.stderr
    assert f"{fifo} is not a regular file" in result.stderr
    assert not journal.db.exists()  # type: ignore[attr-defined]


@pytest.mark.parametrize("source", ("jrnl", "goals"))
def test_a_file_over_64_mib_is_refused_naming_it_and_the_limit(
    seeded: tuple[Run, bytes], tmp_path: Path, source: str
) -> None:
    journal, before = seeded
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:  # sparse: costs no disk
        out.truncate(64 * MIB + 1)
    result = run_quickly(journal, "import", source, str(huge))
    assert result.returncode == 2, result.stderr
    assert f"{huge} is larger than 64 MiB" in result.stderr, result.stderr
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]
    with huge.open("wb") as out:  # exactly at the limit is read (and refused as bad input)
        out.truncate(64 * MIB)
    at_limit = run_quickly(journal, "import", source, str(huge))
    assert at_limit.returncode == 2 and "larger than" not in at_limit.stderr


def test_standard_input_over_the_limit_is_refused(seeded: tuple[Run, bytes]) -> None:
    journal, before = seeded
    result = journal("import", "goals", "-", input=b"- x\n" * (16 * MIB) + b"-")
    assert result.returncode == 2
    assert b"standard input is larger than 64 MiB" in result.stderr
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]


def test_the_limits_are_in_the_help(journal: Run) -> None:
    assert "at most 64 MiB" in journal("import", "jrnl", "--help").stdout
    assert "at most 64 MiB" in journal("import", "goals", "--help").stdout
    assert "at most 512 MiB" in journal("import", "json", "--help").stdout

"""Helpers for the reliability tests: run the real `journal` executable, snapshot files.

Every test works on a journal in its own temp folder (the autouse fixture in
tests/conftest.py also points JOURNAL_DB away from any real journal).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journal.store.journal_store import JournalStore
from tests.cli.conftest import JOURNAL  # noqa: E402  the one beside this Python
from tests.tui.helpers import freeze_cursor_blink

PYTHON = sys.executable
HERE = Path(__file__).parent

Run = Callable[..., subprocess.CompletedProcess[bytes]]


def cli(
    db: Path,
    *args: str | bytes,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    **popen: Any,
) -> subprocess.CompletedProcess[bytes]:
    """Run `journal ARGS` on `db` with bytes in and out (so bad bytes can be passed)."""
    full_env = {**os.environ, "JOURNAL_DB": str(db), **(env or {})}
    return subprocess.run(
        [JOURNAL, *args],
        input=input,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        **popen,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A journal path in a folder that does not exist yet."""
    return tmp_path / "data" / "journal.json"


@pytest.fixture
def run(db: Path) -> Run:
    """`run(*args, input=bytes)` runs the CLI on the test's journal."""

    def go(*args: str | bytes, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        return cli(db, *args, **kwargs)

    return go


def seeded(db: Path) -> JournalStore:
    """A small journal with goals, a skill and entries linked to them."""
    store = JournalStore(db)
    store.goals.add("Grow enterprise revenue", code="revenue")
    store.goals.add(
        "Influence across teams", code="influence", scope="personal", supports=["revenue"]
    )
    store.skills.add("Presenting", code="presenting")
    store.entries.add("win", "Closed Acme.", goals=["revenue"], tags=["customer"])
    store.entries.add(
        "feedback",
        "Lead with the problem.",
        source="Priya",
        sentiment="constructive",
        skills=["presenting"],
    )
    return store


def temp_files(db: Path) -> list[Path]:
    """Our temp files beside the journal (the storage names them .NAME.*.tmp)."""
    try:
        names = os.listdir(db.parent)
    except FileNotFoundError:
        return []
    return [db.parent / n for n in names if n.startswith(f".{db.name}.") and n.endswith(".tmp")]


def tree_snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file under `folder` with its bytes (None for folders), to prove nothing changed."""
    snap: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        snap[rel] = None if path.is_dir() else path.read_bytes()
    return snap


def python(*args: str | os.PathLike[str]) -> list[str]:
    """argv to run a helper script with the test interpreter (the project's venv)."""
    return [PYTHON, *map(str, args)]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app tests here run with the cursor blink frozen, as tests/tui do."""
    freeze_cursor_blink(monkeypatch)

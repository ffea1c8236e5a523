"""Command-line tests run the installed `journal` executable against temporary journals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# The `journal` installed beside this Python first: a `journal` elsewhere on PATH (another
# checkout's, a pipx install) would test the wrong code.
_BESIDE = Path(sys.executable).with_name("journal")
JOURNAL = str(_BESIDE) if _BESIDE.exists() else (shutil.which("journal") or str(_BESIDE))

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def journal(tmp_path: Path) -> Run:
    """Run `journal ARGS...` on a temp journal; returns the completed process."""
    db = tmp_path / "j" / "journal.json"

    def run(
        *args: str,
        input: str | bytes | None = None,
        db_path: Path = db,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "JOURNAL_DB": str(db_path), **(env or {})}
        text = not isinstance(input, bytes)
        result = subprocess.run(
            [JOURNAL, *args], input=input, capture_output=True, text=text, env=full_env, timeout=60
        )
        return result

    run.db = db  # type: ignore[attr-defined]
    return run


# -- encrypted journals (tests/cli/test_encryption_cli.py, test_inbox_cli.py) ---------------

PASS = "correct horse battery staple"
CANARY = "canary-Zq81-never-on-disk"


def pass_file(tmp_path: Path, text: str = PASS, mode: int = 0o600) -> dict[str, str]:
    path = tmp_path / f"pass-{abs(hash(text))}-{mode:o}"
    path.write_text(text + "\n")
    path.chmod(mode)
    return {"JOURNAL_PASSPHRASE_FILE": str(path)}


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.fixture
def encrypted(journal: Run, tmp_path: Path) -> Run:
    """A journal with two entries, encrypted (and left unlocked by encrypt)."""
    assert journal("goal", "add", "Grow revenue", "--code", "revenue").returncode == 0
    assert journal("add", "note", f"First {CANARY}", "--tag", "alpha").returncode == 0
    assert journal("add", "win", "Second one", "--goal", "revenue").returncode == 0
    done = journal("encrypt", env=pass_file(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Encrypted" in done.stdout and "unlocked until" in done.stdout
    return journal

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

    def run(*args: str, input: str | bytes | None = None, db_path: Path = db,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "JOURNAL_DB": str(db_path), **(env or {})}
        text = not isinstance(input, bytes)
        result = subprocess.run([JOURNAL, *args], input=input, capture_output=True, text=text,
                                env=full_env, timeout=60)
        return result

    run.db = db  # type: ignore[attr-defined]
    return run

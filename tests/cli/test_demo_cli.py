"""Issue 12: `journal --demo` closed by its terminal (SIGHUP) or killed politely (SIGTERM)
leaves no throwaway journal behind, as a normal quit does not."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.conftest import JOURNAL


def demo_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("journal-demo-*"))


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=lambda s: s.name)
def test_a_killed_demo_leaves_no_temp_journal(tmp_path: Path, sig: signal.Signals) -> None:
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "TMPDIR": str(tmp_path),
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
    }
    proc = subprocess.Popen(
        [JOURNAL, "--demo"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        deadline = time.monotonic() + 30
        seen = b""
        while time.monotonic() < deadline and b"Journal" not in seen:  # the app is up
            if not select.select([master], [], [], 0.5)[0]:
                continue
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
        assert demo_folders(tmp_path), "the demo journal was never made"
        assert proc.poll() is None, seen[-500:]
        proc.send_signal(sig)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert demo_folders(tmp_path) == [], f"{sig.name} left the demo journal behind"

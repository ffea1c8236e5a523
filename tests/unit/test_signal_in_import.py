"""A signal that lands in importlib's module-lock callback is delivered again, not lost.

Raised there, the command's Interrupted is only printed ("Exception ignored in ...") and
the command goes on: found by the slow signal test (trial 5, SIGHUP, a traceback on stderr
of a command that then saved and exited 0)."""

from __future__ import annotations

import signal
import time
from types import SimpleNamespace
from typing import Any

import pytest

from journal import cli
from journal.storage import fileops


def test_a_signal_in_the_import_lock_callback_comes_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fileops, "saves_completed", 0)
    seen: list[int] = []
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: seen.append(signum))
    try:
        callback: Any = SimpleNamespace(
            f_code=SimpleNamespace(co_name="cb", co_filename="<frozen importlib._bootstrap>")
        )
        cli.on_signal(signal.SIGUSR1, callback)  # no raise: it would be swallowed there
        deadline = time.monotonic() + 2
        while not seen and time.monotonic() < deadline:
            time.sleep(0.01)
        assert seen == [signal.SIGUSR1]
        with pytest.raises(cli.Interrupted):
            cli.on_signal(signal.SIGUSR1, None)  # anywhere else: stops the command
    finally:
        signal.signal(signal.SIGUSR1, previous)

"""SIGHUP (the terminal closed) and SIGTERM (a polite kill) while the app runs: by
default the process would end at once, losing what was typed since the last debounced
save. The app asks to hear them instead (`catch`), keeps every draft, then leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

HANG_UPS = (signal.SIGHUP, signal.SIGTERM)
_UNSUPPORTED = (NotImplementedError, RuntimeError, ValueError)  # no signals here


def catch(handler: Callable[[], None]) -> None:
    """Call `handler` on the running loop when a hang-up arrives."""
    loop = asyncio.get_running_loop()
    for sig in HANG_UPS:
        with contextlib.suppress(*_UNSUPPORTED):
            loop.add_signal_handler(sig, handler)


def release() -> None:
    """Hang-ups end the process again, as by default."""
    loop = asyncio.get_running_loop()
    for sig in HANG_UPS:
        with contextlib.suppress(*_UNSUPPORTED):
            loop.remove_signal_handler(sig)

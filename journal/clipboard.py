"""Putting text on the clipboard from a terminal, and saying honestly what happened.

Two ways, tried together: a clipboard tool (`wl-copy` on Wayland, `xclip` on X11, `pbcopy`
on macOS), whose exit status says whether it worked; and OSC 52, an escape sequence that
asks the terminal to set the clipboard. OSC 52 gets no answer: a terminal that does not
support it, or tmux with `set-clipboard external`/`off`, drops it silently, so the result
can only say it was *sent*, and how to check.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import IO

TOOL_TIMEOUT = 5.0
# (name, command, the environment variable that says its display is there, or None)
TOOLS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("wl-copy", ("wl-copy",), "WAYLAND_DISPLAY"),
    ("xclip", ("xclip", "-selection", "clipboard", "-in"), "DISPLAY"),
    ("pbcopy", ("pbcopy",), None),
)


def osc52(text: str) -> str:
    """The OSC 52 sequence that asks a terminal to put `text` on the clipboard."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{encoded}\x07"


@dataclass
class CopyResult:
    """What was done: the tools that worked or failed, and whether OSC 52 went out."""

    copied_by: list[str] = field(default_factory=list)  # tools that said they copied it
    failed: list[str] = field(default_factory=list)  # "xclip: exit 1: cannot open display"
    osc52_sent: bool = False
    multiplexer: str | None = None  # "tmux" or "screen" when inside one

    @property
    def known(self) -> bool:
        """True when a tool confirmed the copy (OSC 52 alone never can)."""
        return bool(self.copied_by)

    @property
    def anything(self) -> bool:
        return self.known or self.osc52_sent

    def describe(self) -> str:
        """One honest paragraph: what worked, what was only sent, how to check."""
        parts = []
        if self.copied_by:
            parts.append(f"Copied with {' and '.join(self.copied_by)}.")
        if self.osc52_sent:
            parts.append(osc52_note(self.multiplexer, confirmed=self.known))
        for failure in self.failed:
            parts.append(f"({failure})")
        if not self.anything:
            parts.append(
                "Nothing was copied: no clipboard tool (wl-copy, xclip or pbcopy) worked and "
                "there is no terminal to send OSC 52 to. Print the answer instead (journal "
                "review answers) and copy it from there."
            )
        return " ".join(parts)


def osc52_note(multiplexer: str | None, confirmed: bool = False) -> str:
    """What sending OSC 52 means, for the CLI and the app alike."""
    if confirmed:
        return "Also sent to the terminal (OSC 52)."
    note = (
        "Sent to the terminal as OSC 52; the terminal does not say whether it put it on "
        "the clipboard (some ignore it), so paste somewhere to check."
    )
    if multiplexer == "tmux":
        note += (
            " Inside tmux it arrives only with `set -g set-clipboard on` (with "
            "`external` or `off` tmux drops it)."
        )
    elif multiplexer == "screen":
        note += " GNU screen passes OSC 52 on only in some versions and settings."
    return note


def multiplexer_of(env: Mapping[str, str]) -> str | None:
    if env.get("TMUX"):
        return "tmux"
    if env.get("STY"):
        return "screen"
    return None


def terminal_stream() -> IO[str] | None:
    """Where an escape sequence reaches the terminal: stdout or stderr if one is a
    terminal (so `journal review copy > file` still works), else the controlling tty."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.isatty():
                return stream
        except (ValueError, OSError):
            continue
    try:
        return open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 (closed by the caller)
    except OSError:
        return None


Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]


def copy_text(
    text: str,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    run: Runner = subprocess.run,
    stream: Callable[[], IO[str] | None] = terminal_stream,
    platform: str = sys.platform,
) -> CopyResult:
    """Copy `text` every way available; never raises for a tool that is missing or fails."""
    env = os.environ if env is None else env
    result = CopyResult(multiplexer=multiplexer_of(env))
    for name, command, display in TOOLS:
        if name == "pbcopy" and platform != "darwin":
            continue
        if display is not None and not env.get(display):
            continue
        path = which(command[0])
        if path is None:
            continue
        try:
            done = run(
                [path, *command[1:]],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=TOOL_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            result.failed.append(f"{name} did not run: {err}")
            continue
        if done.returncode == 0:
            result.copied_by.append(name)
        else:
            why = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            result.failed.append(
                f"{name} failed (exit {done.returncode}{': ' + why[0] if why else ''})"
            )
    out = stream()
    if out is not None:
        try:
            out.write(osc52(text))
            out.flush()
            result.osc52_sent = True
        except OSError as err:
            result.failed.append(f"OSC 52 could not be written: {err}")
        finally:
            if getattr(out, "name", None) == "/dev/tty":  # opened here, closed here
                out.close()
    return result

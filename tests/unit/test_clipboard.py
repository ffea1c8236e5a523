"""Copying to the clipboard: tools that say whether they worked, OSC 52 that cannot."""

from __future__ import annotations

import base64
import io
import subprocess
from typing import Any

from journal.clipboard import copy_text, osc52


class FakeTools:
    """Stands in for wl-copy/xclip/pbcopy: records what each was given."""

    def __init__(self, present: set[str], failing: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.present, self.failing = present, failing
        self.given: dict[str, bytes] = {}

    def which(self, name: str) -> str | None:
        return f"/fake/{name}" if name in self.present else None

    def run(self, argv: list[str], input: bytes, **_: Any) -> subprocess.CompletedProcess[bytes]:
        name = argv[0].rsplit("/", 1)[-1]
        if name in self.failing:
            return subprocess.CompletedProcess(argv, 1, b"", b"Error: cannot open display\n")
        self.given[name] = input
        return subprocess.CompletedProcess(argv, 0, b"", b"")


def test_osc52_sequence() -> None:
    seq = osc52("é 👍")
    assert seq.startswith("\x1b]52;c;") and seq.endswith("\x07")
    assert base64.b64decode(seq[7:-1]).decode() == "é 👍"


def test_a_tool_that_worked_is_known() -> None:
    tools = FakeTools({"wl-copy", "xclip"})
    result = copy_text(
        "hello",
        env={"WAYLAND_DISPLAY": "wayland-0"},
        which=tools.which,
        run=tools.run,
        stream=lambda: None,
        platform="linux",
    )
    assert result.copied_by == ["wl-copy"] and tools.given == {"wl-copy": b"hello"}
    assert result.known and not result.osc52_sent
    assert result.describe() == "Copied with wl-copy."


def test_osc52_alone_is_only_sent_and_says_how_to_check() -> None:
    out = io.StringIO()
    result = copy_text(
        "hello",
        env={"TMUX": "/tmp/tmux-0/default,1,0"},
        which=lambda _: None,
        stream=lambda: out,
        platform="linux",
    )
    assert out.getvalue() == osc52("hello")
    assert result.osc52_sent and not result.known
    text = result.describe()
    assert "does not say whether" in text and "paste somewhere to check" in text
    assert "set -g set-clipboard on" in text


def test_a_failing_tool_is_reported_and_nothing_claimed() -> None:
    tools = FakeTools({"xclip"}, failing={"xclip"})
    result = copy_text(
        "x",
        env={"DISPLAY": ":0"},
        which=tools.which,
        run=tools.run,
        stream=lambda: None,
        platform="linux",
    )
    assert not result.anything
    assert "xclip failed (exit 1: Error: cannot open display)" in result.describe()
    assert "Nothing was copied" in result.describe()


def test_tools_without_their_display_are_not_tried() -> None:
    tools = FakeTools({"wl-copy", "xclip", "pbcopy"})
    result = copy_text(
        "x", env={}, which=tools.which, run=tools.run, stream=lambda: None, platform="linux"
    )
    assert tools.given == {} and not result.anything
    mac = copy_text(
        "x", env={}, which=tools.which, run=tools.run, stream=lambda: None, platform="darwin"
    )
    assert mac.copied_by == ["pbcopy"]


def test_a_tool_that_hangs_or_is_gone() -> None:
    def hangs(argv: list[str], **_: Any) -> subprocess.CompletedProcess[bytes]:
        raise subprocess.TimeoutExpired(argv, 5)

    result = copy_text(
        "x",
        env={"DISPLAY": ":0"},
        which=lambda n: f"/fake/{n}",
        run=hangs,
        stream=lambda: None,
        platform="linux",
    )
    assert result.failed and result.failed[0].startswith("xclip did not run")

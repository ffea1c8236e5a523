"""The palette's Screenshot: saved 0600, to the home folder when there is no Downloads."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from screens.app import JournalApp
from tests.tui.helpers import notices, settle, wait_for


async def palette_screenshot(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Screenshot")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any("Screenshot" in n or "aved" in n for n in notices(app)), timeout=5
        )
        await settle(pilot)
        app._test_notices = notices(app)  # type: ignore[attr-defined]


async def test_without_downloads_it_goes_home_private(
    app: JournalApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    await palette_screenshot(app)
    [svg] = list(home.glob("*.svg"))
    assert stat.S_IMODE(svg.stat().st_mode) == 0o600
    said = " ".join(app._test_notices)  # type: ignore[attr-defined]
    assert str(svg) in said and "0600" in said


async def test_a_failure_says_why(
    app: JournalApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o500)  # no writing here
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    import os

    if os.geteuid() == 0:
        monkeypatch.setattr(
            "screens.screenshot.screenshot_folder", lambda: home / "gone"
        )  # root may write anywhere: use a missing folder
    await palette_screenshot(app)
    said = " ".join(app._test_notices)  # type: ignore[attr-defined]
    assert "Not saved to" in said and ("ermission" in said or "No such file" in said)

"""Issue 11: the screens build on the domain (`journal.*`), never on the command line."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import screens

SCREENS = Path(screens.__file__).parent


def screen_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(screens.__path__, "screens."))


def test_no_screen_module_imports_the_cli() -> None:
    modules = screen_modules()
    assert "screens.app" in modules and "screens.goals" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[:2] == ['journal', 'cli'])\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_screen_touches_a_store_lock() -> None:
    """The live journal's `write` has its own lock: no screen takes or passes one."""
    for path in SCREENS.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "store_lock" not in text, path
        assert "app_now" not in text, path

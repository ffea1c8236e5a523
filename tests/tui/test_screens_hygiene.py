"""The app reads the domain, never the command line: no screen imports `journal.cli`
(a screen that needs a CLI helper means the helper belongs in the domain)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import screens


def test_no_screen_module_imports_the_command_line() -> None:
    modules = sorted(m.name for m in pkgutil.walk_packages(screens.__path__, "screens."))
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

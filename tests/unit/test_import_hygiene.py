"""The domain never imports textual: the quick-capture path must stay light."""

import pkgutil
import subprocess
import sys

import journal


def journal_modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(journal.__path__, "journal.")
        if m.name != "journal.__main__"
    )


def test_every_journal_module_imports_without_textual() -> None:
    modules = journal_modules()
    assert "journal.store.journal_store" in modules and "journal.cli.entries" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_add_and_list_do_not_import_textual(tmp_path) -> None:
    code = (
        "import sys\n"
        "from journal.cli import main\n"
        f"db = {str(tmp_path / 'j.json')!r}\n"
        "assert main(['add', 'note', 'hello', '--db', db]) == 0\n"
        "assert main(['list', '--db', db, '--json']) == 0\n"
        "heavy = [m for m in ('textual', 'shtab', 'importlib.metadata') if m in sys.modules]\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

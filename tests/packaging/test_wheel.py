"""What a user installs is a wheel, not this checkout: build it, install it into a fresh
venv that cannot see the source tree, and open the app from there.

An editable install hides a package missing from the wheel (the first release could
not open the app: `screens.widgets` was left out of a hand-kept package list).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Shipped the wheel test"
LOCAL_ONLY = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
SHIPPED_SUFFIXES = {".py", ".tcss", ".txt", ".json", ".md", ".csv"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a clean copy: setuptools reuses a `build/` folder left in the tree, which
    can carry files the package list no longer names and hide the fault."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "tree"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LOCAL_ONLY))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its declared dependencies, nothing else."""
    where = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=120)
    subprocess.run(
        [
            str(where / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return where


def shipped_files(top: str) -> set[str]:
    """The package files of the source tree that a wheel must carry."""
    found = set()
    for path in (ROOT / top).rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in SHIPPED_SUFFIXES:
            found.add(path.relative_to(ROOT).as_posix())
    return found


def test_the_wheel_carries_every_package_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = shipped_files("journal") | shipped_files("screens")
    assert "screens/widgets/entry_list.py" in expected and "journal/data/demo.txt" in expected
    assert sorted(expected - names) == []


def run_installed(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_the_installed_app_opens_on_a_journal(venv: Path, tmp_path: Path) -> None:
    script = ROOT / "tests" / "packaging" / "installed_app_check.py"
    check = tmp_path / "check.py"
    check.write_text(script.read_text())
    # -I: the source tree (cwd, PYTHONPATH) is not on sys.path; only the venv is.
    result = run_installed(
        venv, str(venv / "bin" / "python"), "-I", str(check), TITLE, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert f"journal from {venv}" in result.stdout
    assert f"screens from {venv}" in result.stdout
    assert TITLE in result.stdout


def test_the_installed_command_has_a_version_and_adds(venv: Path, tmp_path: Path) -> None:
    journal = str(venv / "bin" / "journal")
    version = run_installed(venv, journal, "--version", cwd=tmp_path)
    assert re.fullmatch(r"journal \d+\.\d+\.\d+\S*\n", version.stdout), version
    db = str(tmp_path / "j.json")
    added = run_installed(venv, journal, "--db", db, "add", "win", TITLE, cwd=tmp_path)
    assert added.returncode == 0 and added.stdout.startswith("e1 added"), added
    listed = run_installed(venv, journal, "--db", db, "list", cwd=tmp_path)
    assert TITLE in listed.stdout


def read_for(fd: int, seconds: float, until: bytes | None = None) -> bytes:
    data = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            data += chunk
            if until and until in strip_escapes(data):
                break
    return data


def strip_escapes(raw: bytes) -> bytes:
    return re.sub(
        rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-B]|.)", b"", raw
    )


def test_the_installed_journal_command_opens_the_app_in_a_terminal(
    venv: Path, tmp_path: Path
) -> None:
    """The console script itself, under a real pty, as a user starts it."""
    db = tmp_path / "j.json"
    journal = str(venv / "bin" / "journal")
    run_installed(venv, journal, "--db", str(db), "add", "win", TITLE, cwd=tmp_path)
    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(TERM="xterm-256color", XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.Popen(
        [journal, "--db", str(db)],
        stdin=child,
        stdout=child,
        stderr=child,
        cwd=tmp_path,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    try:
        shown = read_for(main, 30, until=TITLE.encode())
        os.write(main, b"q")
        shown += read_for(main, 10)
        assert proc.wait(timeout=20) == 0, shown[-2000:]
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    text = strip_escapes(shown)
    assert b"Traceback" not in text
    assert TITLE.encode() in text

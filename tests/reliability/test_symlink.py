"""Issue 10, item 2: a journal path that is a symbolic link is written through the link.

The path is resolved once: lock, temp file, atomic replace and backups all happen beside
the real file, so the link stays a link, the target gets every write, and `doctor` says
which file is really written.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from journal.storage import backups
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli, temp_files


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """(link, target): data/journal.json -> real/journal.json, in another folder."""
    target = tmp_path / "real" / "journal.json"
    link = tmp_path / "data" / "journal.json"
    target.parent.mkdir(mode=0o700)
    link.parent.mkdir(mode=0o700)
    link.symlink_to(target)
    return link, target


def entry_titles(path: Path) -> list[str]:
    return sorted(r["title"] for r in orjson.loads(path.read_bytes())["entries"].values())


@pytest.mark.parametrize("existing", [False, True])
def test_writes_go_through_the_link(linked: tuple[Path, Path], existing: bool) -> None:
    link, target = linked
    if existing:
        JournalStore(target).entries.add("note", "before the link was used")
    for n in range(3):
        result = cli(link, "add", "note", f"via link {n}")
        assert result.returncode == 0, result.stderr
    backups.keep(target)  # an older backup, so the next saves keep none of their own
    assert cli(link, "link", "e1", "--goal", "nope").returncode == 2  # bad input: no write
    store = JournalStore(link)
    store.goals.add("Grow revenue", code="revenue")
    store.entries.link("e1", goals=["revenue"])  # the full-parse path
    store.close()
    assert link.is_symlink() and link.resolve() == target
    expected = [f"via link {n}" for n in range(3)] + (["before the link was used"] * existing)
    assert entry_titles(target) == sorted(expected)
    assert not backups.folder_for(link).exists(), "backups must sit beside the real file"
    assert not Path(f"{link}.lock").exists() and Path(f"{target}.lock").exists()
    assert not temp_files(link) and not temp_files(target)
    for backup in backups.list_backups(target):
        assert not backup.is_symlink() and backup.stat().st_size > 0


def test_doctor_says_which_file_is_written(linked: tuple[Path, Path]) -> None:
    link, target = linked
    for n in range(2):
        assert cli(link, "add", "note", f"n{n}").returncode == 0
    result = cli(link, "doctor")
    out = result.stdout.decode()
    assert result.returncode == 0, out
    assert f"really written: {target}" in out, out
    assert "DOES NOT PARSE" not in out
    assert "Backups in " + str(backups.folder_for(target)) in out


def test_restore_through_the_link(linked: tuple[Path, Path]) -> None:
    link, target = linked
    for n in range(2):
        assert cli(link, "add", "note", f"n{n}").returncode == 0
    result = cli(link, "doctor", "--restore", "1")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and entry_titles(target) == ["n0"]

"""Issue 5, item 7: private files stay private, even under `umask 000`.

The journal folder is 0700; the journal, its lock, its backups (and their folder 0700),
temp files and exports are 0600, because they hold the same private text. The CLI runs
here with umask 0, the weakest setting a user could have, so every mode is the program's
own choice and not the umask's.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from journal.storage import backups, fileops
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def no_umask() -> None:
    os.umask(0)


def run0(db: Path, *args: str, **kwargs: Any) -> Any:
    result = cli(db, *args, preexec_fn=no_umask, **kwargs)
    assert result.returncode == 0, result.stderr.decode()
    return result


def test_every_file_is_private_under_umask_000(tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "journal.json"
    run0(db, "goal", "add", "Grow revenue", "--code", "revenue")
    run0(db, "add", "note", "first", "--goal", "revenue")
    run0(db, "add", "feedback", "second", "--from", "Priya")
    folder = backups.folder_for(db)
    assert mode(db.parent) == 0o700
    assert mode(db) == 0o600
    assert mode(db.with_name(db.name + ".lock")) == 0o600
    assert mode(folder) == 0o700
    listed = backups.list_backups(db)
    assert listed
    for backup in listed:
        assert mode(backup) == 0o600
    run0(db, "doctor", "--restore", "1")
    assert mode(db) == 0o600
    for backup in backups.list_backups(db):
        assert mode(backup) == 0o600


def test_temp_files_are_private_while_they_exist(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Look at the temp file at the last moment it exists: just before the rename (a
    renameat2 swap where the system has it, else os.replace)."""
    seen: list[int] = []
    real_replace, real_rename2 = os.replace, fileops._rename2

    def spying(src: Any, dst: Any, **kwargs: Any) -> None:
        seen.append(mode(Path(src)))
        real_replace(src, dst, **kwargs)

    def spying2(src: Path, dst: Path, flags: int) -> bool:
        seen.append(mode(src))
        done = real_rename2(src, dst, flags)
        if not done:
            seen.pop()  # not offered here: os.replace follows and is seen instead
        return done

    monkeypatch.setattr(os, "replace", spying)
    monkeypatch.setattr(fileops, "_rename2", spying2)
    old = os.umask(0)
    try:
        store = JournalStore(db)
        store.entries.add("note", "one")
        store.entries.add("note", "two")
    finally:
        os.umask(old)
    assert seen == [0o600, 0o600]


def test_a_loose_journal_becomes_private_on_the_next_save(db: Path) -> None:
    run0(db, "add", "note", "first")
    os.chmod(db, 0o644)
    doctor = cli(db, "doctor")
    assert doctor.returncode == 0
    assert b"open to other users (mode 0644)" in doctor.stdout
    run0(db, "add", "note", "second")
    assert mode(db) == 0o600


def test_review_export_is_private(db: Path, tmp_path: Path) -> None:
    help_text = cli(db, "review", "export", "--help")
    if help_text.returncode != 0:
        pytest.skip("`journal review export` is not there yet")
    run0(db, "goal", "add", "Grow revenue", "--code", "revenue")
    run0(db, "add", "win", "Closed Acme", "--goal", "revenue", "--when", "2026-03-04")
    for fmt in ("md", "json", "html", "txt"):
        target = tmp_path / f"review.{fmt}"
        run0(db, "review", "export", "--period", "2026", "--format", fmt, "-o", str(target))
        assert mode(target) == 0o600, fmt


# -- issue 10, item 12: missing parents (~/.local, ~/.local/share, ~/.config) 0700 too --


def test_missing_parents_are_private_under_umask_000(tmp_path: Path) -> None:
    db = tmp_path / "home" / ".local" / "share" / "coaching-journal" / "journal.json"
    result = cli(db, "add", "note", "first", preexec_fn=lambda: os.umask(0))
    assert result.returncode == 0, result.stderr
    folder = db.parent
    while folder != tmp_path:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        folder = folder.parent


def test_the_default_location_is_private_under_umask_000(tmp_path: Path) -> None:
    data = tmp_path / "home" / ".local" / "share"
    env = {"XDG_DATA_HOME": str(data), "JOURNAL_DB": ""}
    result = cli(
        tmp_path / "unused", "add", "note", "first", env=env, preexec_fn=lambda: os.umask(0)
    )
    assert result.returncode == 0, result.stderr
    assert (data / "coaching-journal" / "journal.json").exists()
    for folder in (tmp_path / "home", tmp_path / "home" / ".local", data):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_settings_folders_are_private_under_umask_000(tmp_path: Path) -> None:
    from screens.settings import save_settings

    path = tmp_path / "home" / ".config" / "coaching-journal" / "settings.json"
    old = os.umask(0)
    try:
        save_settings(path, {"theme": "nord"})
    finally:
        os.umask(old)
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder

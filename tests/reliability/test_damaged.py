"""Issue 5, item 5: a damaged journal at start is refused, named, and left alone.

For every kind of damage: `journal list` and `journal add` exit 1 with a message that
names the file and the newest backup that still parses (skipping a newer damaged one),
the file (and the whole folder) is byte-for-byte unchanged, and nothing is ever shown as
an empty journal. `journal doctor` says DAMAGED and exits 1 too.

"Unreadable" needs care when the tests run as root (CI does): root reads a chmod 000 file
anyway. There the CLI child drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its
capability bounding set (prctl), which makes the kernel apply the file mode to it like to
anyone else; a unit test also simulates the refusal with a patched os.open.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from journal.errors import JournalFileError
from journal.storage import backups
from journal.storage.document import SCHEMA_VERSION
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import cli, seeded, tree_snapshot

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def newer_schema(good: bytes) -> bytes:
    doc = orjson.loads(good)
    doc["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    return orjson.dumps(doc)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "only-whitespace": lambda good: b" \n\t\n",
    "truncated": lambda good: good[: len(good) // 2],
    "trailing-garbage": lambda good: good + b"\n}garbage{",
    "all-nul": lambda good: b"\0" * len(good),
    "json-list": lambda good: b"[1, 2, 3]",
    "json-string": lambda good: b'"my journal"',
    "entries-as-list": lambda good: b'{"meta": {"1": {"schema": 1}}, "entries": [1, 2]}',
    "tinydb-default-table": lambda good: b'{"_default": {"1": {"text": "not ours"}}}',
    "another-programs-json": lambda good: b'{"name": "package", "version": "1.0"}',
    "newer-schema": newer_schema,
    "binary": lambda good: bytes(range(256)) * 8,
}


@pytest.fixture
def journal_with_backups(db: Path) -> tuple[Path, Path]:
    """A good journal with one good backup and a newer backup that is itself damaged."""
    store = seeded(db)
    store.entries.add("note", "Latest thought.")
    good_backup = backups.list_backups(db)[0]
    stamp = good_backup.name.split(".")[-2].split("-")[0]  # same second, later suffix
    damaged_backup = good_backup.with_name(f"{db.name}.{stamp}-9.bak")
    damaged_backup.write_bytes(b"{ not a journal")
    assert backups.list_backups(db)[0] == damaged_backup  # the newest is the damaged one
    return db, good_backup


def files_but_lock(folder: Path) -> dict[str, bytes | None]:
    """The folder's files and bytes; the empty lock file may appear (it holds no data)."""
    return {k: v for k, v in tree_snapshot(folder).items() if not k.endswith(".lock")}


def assert_refused(
    db: Path,
    newest_good: Path | None,
    reason: str | None = None,
    preexec: Callable[[], None] | None = None,
) -> None:
    folder = db.parent
    before = files_but_lock(folder)
    for args in (["list"], ["add", "note", "must not be written"], ["goal", "list"]):
        result = cli(db, *args, preexec_fn=preexec)
        err = result.stderr.decode()
        assert result.returncode == 1, (args, err)
        assert "Traceback" not in err
        assert f"Cannot open the journal {db}" in err, err
        assert "left untouched" in err
        if newest_good:
            assert f"Newest good backup: {newest_good}" in err, err
            assert "journal doctor --restore" in err
        else:
            assert "No good backup" in err
        if reason:
            assert reason in err, err
        assert result.stdout == b"", "a damaged journal must never list as empty"
        assert files_but_lock(folder) == before, "the damaged journal or its folder changed"
    doctor = cli(db, "doctor", preexec_fn=preexec)
    assert doctor.returncode == 1, doctor.stdout.decode()
    assert b"DAMAGED" in doctor.stdout
    assert files_but_lock(folder) == before


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_file_is_refused_and_untouched(
    journal_with_backups: tuple[Path, Path], kind: str
) -> None:
    db, good_backup = journal_with_backups
    db.write_bytes(DAMAGE[kind](db.read_bytes()))
    reason = "newer version" if kind == "newer-schema" else None
    assert_refused(db, good_backup, reason)


def test_damaged_file_without_backups_says_so(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b'{"meta": {"1": {"schema": 1}}, "entries": {"1": {"id": "e1"')
    assert_refused(db, None)


def test_directory_where_the_file_should_be(journal_with_backups: tuple[Path, Path]) -> None:
    db, good_backup = journal_with_backups
    db.unlink()
    db.mkdir()
    (db / "inside.txt").write_text("someone's folder")
    assert_refused(db, good_backup, "directory")
    assert (db / "inside.txt").read_text() == "someone's folder"


def drop_file_read_override() -> None:
    """In the child: lose root's power to read files whatever their mode."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_unreadable_file(journal_with_backups: tuple[Path, Path]) -> None:
    db, good_backup = journal_with_backups
    before = db.read_bytes()
    os.chmod(db, 0o000)
    try:
        preexec = drop_file_read_override if os.geteuid() == 0 else None
        probe = cli(db, "list", preexec_fn=preexec)
        if os.geteuid() == 0 and b"permission denied" not in probe.stderr:
            pytest.skip("cannot drop CAP_DAC_OVERRIDE here; see the simulated test below")
        assert_refused(db, good_backup, "permission denied", preexec)
    finally:
        os.chmod(db, 0o600)
    assert db.read_bytes() == before


def test_unreadable_file_simulated(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal without relying on privileges: os.open says EACCES."""
    seeded(db).entries.add("note", "x")
    before = db.read_bytes()
    real_open = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == db:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(JournalFileError, match="permission denied") as caught:
        JournalStore(db).entries.all()  # refused at open or, at the latest, at the first read
    assert str(db) in str(caught.value)
    assert "Newest good backup" in str(caught.value)
    monkeypatch.undo()
    assert db.read_bytes() == before


def test_restore_brings_a_damaged_journal_back(journal_with_backups: tuple[Path, Path]) -> None:
    """The way out the message names works, and keeps the damaged file."""
    db, good_backup = journal_with_backups
    damaged = b"\0" * 100
    db.write_bytes(damaged)
    result = cli(db, "doctor", "--restore", str(good_backup))
    assert result.returncode == 0, result.stderr.decode()
    assert cli(db, "list").returncode == 0
    kept = [b for b in backups.list_backups(db) if b.read_bytes() == damaged]
    assert len(kept) == 1 and stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    shutil.rmtree(backups.folder_for(db))
    assert cli(db, "add", "note", "back in business").returncode == 0

"""What a hostile run found in the encrypted journal, each a regression test: a journal
reached through a symbolic link, a header that asks for absurd key-derivation work, and a
passphrase "file" that is a FIFO.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from journal.storage import crypto
from tests.cli.conftest import CANARY, pass_file
from tests.reliability.conftest import cli


def linked_journal(tmp_path: Path) -> tuple[Path, Path]:
    """A plaintext journal with a backup, and a symbolic link naming it."""
    real = tmp_path / "data" / "journal.json"
    assert cli(real, "add", "note", f"first {CANARY}").returncode == 0
    assert cli(real, "add", "note", f"second {CANARY}").returncode == 0
    link = tmp_path / "link.json"
    link.symlink_to(real)
    return real, link


def plaintext_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()]


def test_encrypt_through_a_link_encrypts_the_real_file_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    real, link = linked_journal(tmp_path)
    done = cli(link, "encrypt", env=pass_file(tmp_path))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and link.resolve() == real
    assert crypto.file_is_encrypted(real)
    assert plaintext_files(real.parent) == []  # the backups beside it too
    assert cli(link, "list").returncode == 0

    back = cli(link, "decrypt", env=pass_file(tmp_path))
    assert back.returncode == 0, back.stderr
    assert link.is_symlink() and not crypto.file_is_encrypted(real)
    assert CANARY.encode() in real.read_bytes()


def test_encrypt_removes_a_killed_writers_plaintext_temp_file(tmp_path: Path) -> None:
    db = tmp_path / "j" / "journal.json"
    assert cli(db, "add", "note", "something").returncode == 0
    stale = db.with_name(f".{db.name}.4242.tmp")
    stale.write_text(f"a half-written plaintext journal {CANARY}")
    assert cli(db, "encrypt", env=pass_file(tmp_path)).returncode == 0
    assert plaintext_files(db.parent) == []


def test_passwd_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real, link = linked_journal(tmp_path)
    assert cli(link, "encrypt", env=pass_file(tmp_path)).returncode == 0
    # encrypt left it unlocked, so passwd reads only the new passphrase from the file
    done = cli(link, "passwd", env=pass_file(tmp_path, "another long passphrase"))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and crypto.file_is_encrypted(real)


def test_a_locked_add_through_a_link_is_merged_at_unlock(tmp_path: Path) -> None:
    real, link = linked_journal(tmp_path)
    env = pass_file(tmp_path)
    assert cli(link, "encrypt", env=env).returncode == 0
    assert cli(link, "lock").returncode == 0
    added = cli(link, "add", "note", "captured while locked")
    assert added.returncode == 0, added.stderr
    assert b"sealed for the inbox" in added.stdout
    assert cli(real, "unlock", env=env).returncode == 0
    listed = cli(link, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "captured while locked" in [e["title"] for e in orjson.loads(listed.stdout)]
    assert [p.name for p in tmp_path.rglob("*.inbox*")] == []


@pytest.mark.parametrize(("field", "value"), [("opslimit", 4_294_967_295), ("memlimit", 4 << 30)])
def test_a_header_asking_for_absurd_work_is_refused_at_once(
    tmp_path: Path, field: str, value: int
) -> None:
    db = tmp_path / "j" / "journal.json"
    assert cli(db, "add", "note", "something").returncode == 0
    env = pass_file(tmp_path)
    assert cli(db, "encrypt", env=env).returncode == 0
    assert cli(db, "lock").returncode == 0
    raw = db.read_bytes()
    start = len(crypto.MAGIC)
    end = raw.index(b"\n", start)
    fields = orjson.loads(raw[start:end])
    fields["kdf"][field] = value
    db.write_bytes(raw[:start] + orjson.dumps(fields) + raw[end:])
    before = db.read_bytes()
    began = time.monotonic()
    done = cli(db, "list", env=env, timeout=30)
    assert time.monotonic() - began < 10
    assert done.returncode == 1
    assert b"key derivation" in done.stderr
    assert db.read_bytes() == before


def test_a_fifo_as_the_passphrase_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    db = tmp_path / "j" / "journal.json"
    assert cli(db, "add", "note", "something").returncode == 0
    fifo = tmp_path / "pass.fifo"
    os.mkfifo(fifo, 0o600)
    done = cli(db, "encrypt", env={"JOURNAL_PASSPHRASE_FILE": str(fifo)}, timeout=20)
    assert done.returncode == 1
    assert b"is not a file" in done.stderr
    assert not crypto.file_is_encrypted(db)


def test_a_link_to_a_private_passphrase_file_is_still_accepted(tmp_path: Path) -> None:
    db = tmp_path / "j" / "journal.json"
    assert cli(db, "add", "note", "something").returncode == 0
    target = Path(pass_file(tmp_path)["JOURNAL_PASSPHRASE_FILE"])
    link = tmp_path / "pass-link"
    link.symlink_to(target)
    done = cli(db, "encrypt", env={"JOURNAL_PASSPHRASE_FILE": str(link)})
    assert done.returncode == 0, done.stderr
    assert crypto.file_is_encrypted(db)


@pytest.mark.parametrize("kind", ["fifo", "dir"])
def test_an_inbox_that_is_not_a_file_is_refused_not_waited_on(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "j" / "journal.json"
    assert cli(db, "add", "note", "something").returncode == 0
    env = pass_file(tmp_path)
    assert cli(db, "encrypt", env=env).returncode == 0
    assert cli(db, "lock").returncode == 0
    inbox = db.with_name(db.name + ".inbox")
    if kind == "fifo":
        os.mkfifo(inbox, 0o600)
    else:
        inbox.mkdir()
    for args, extra in ((("add", "note", "while locked"), None), (("unlock",), env)):
        done = cli(db, *args, env=extra, timeout=20)
        assert done.returncode == 1, (args, done.stderr)
        assert b"not a regular file" in done.stderr
        assert b"Traceback" not in done.stderr


def test_a_huge_passphrase_file_is_not_read_whole(tmp_path: Path) -> None:
    db = tmp_path / "j" / "journal.json"
    assert cli(db, "add", "note", "something").returncode == 0
    huge = tmp_path / "huge-pass"
    with huge.open("wb") as out:
        out.truncate(8 << 30)  # sparse: 8 GiB of NULs, no newline
    huge.chmod(0o600)
    done = cli(db, "encrypt", env={"JOURNAL_PASSPHRASE_FILE": str(huge)}, timeout=20)
    assert done.returncode == 1
    assert b"too long" in done.stderr
    assert not crypto.file_is_encrypted(db)

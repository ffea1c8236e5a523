"""`journal encrypt/decrypt/passwd/unlock/lock` on temp journals, with the real executable.

Passphrases go through JOURNAL_PASSPHRASE_FILE (0600), as scripts give them; the runtime
folder is the temp one tests/conftest.py sets, never the user's.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.cli.conftest import CANARY, PASS, Run, files_under, pass_file


def test_encrypt_writes_no_plaintext_and_commands_run_while_unlocked(
    encrypted: Run, tmp_path: Path
) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    assert db.read_bytes().startswith(b"coaching-journal encrypted\n")
    assert oct(db.stat().st_mode & 0o777) == "0o600"
    for path in files_under(db.parent):
        assert CANARY.encode() not in path.read_bytes(), path
    listed = encrypted("list", "--tag", "alpha", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [e["title"] for e in json.loads(listed.stdout)] == [f"First {CANARY}"]
    added = encrypted("add", "note", f"Third {CANARY}")
    assert added.returncode == 0 and added.stdout.startswith("e3 added"), added.stderr
    for path in files_under(db.parent):
        assert CANARY.encode() not in path.read_bytes(), path


def test_encrypt_moves_the_apps_drafts_into_ram(journal: Run, tmp_path: Path) -> None:
    assert journal("add", "note", "hello").returncode == 0
    db: Path = journal.db  # type: ignore[attr-defined]
    beside = db.with_name(db.name + "-draft")
    beside.write_text(json.dumps({"": {"saved": "x", "fields": {"title": CANARY}}}))
    assert journal("encrypt", env=pass_file(tmp_path)).returncode == 0
    assert not beside.exists() and scan_for_canary(db.parent) == []
    assert [
        p.name
        for p in files_under(Path(os.environ["XDG_RUNTIME_DIR"]) / "coaching-journal" / "drafts")
    ] == ["drafts.json"]


def scan_for_canary(folder: Path) -> list[Path]:
    return [p for p in files_under(folder) if CANARY.encode() in p.read_bytes()]


def test_new_passphrases_are_checked(journal: Run, tmp_path: Path) -> None:
    assert journal("add", "note", "hello").returncode == 0
    db: Path = journal.db  # type: ignore[attr-defined]
    before = db.read_bytes()
    short = journal("encrypt", env=pass_file(tmp_path, "too short"))
    assert short.returncode == 1 and "12 characters" in short.stderr
    loose = journal("encrypt", env=pass_file(tmp_path, mode=0o644))
    assert loose.returncode == 1 and "chmod 600" in loose.stderr
    none = journal("encrypt")
    assert none.returncode == 1 and "JOURNAL_PASSPHRASE_FILE" in none.stderr
    assert db.read_bytes() == before


def test_locked_commands_refuse_or_use_the_passphrase_file(encrypted: Run, tmp_path: Path) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    assert encrypted("lock").stdout.strip() == "locked"
    assert encrypted("unlock", "--status").stdout.strip() == "encrypted; locked"
    refused = encrypted("list")
    assert refused.returncode == 1 and "encrypted and locked" in refused.stderr
    assert "journal unlock" in refused.stderr
    listed = encrypted("list", "--json", env=pass_file(tmp_path))
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 2
    before = db.read_bytes()
    wrong = encrypted("list", env=pass_file(tmp_path, "not the passphrase at all"))
    assert wrong.returncode == 1 and "Wrong passphrase" in wrong.stderr
    assert "nothing was read or changed" in wrong.stderr
    assert db.read_bytes() == before


def test_unlock_for_and_status_and_doctor(encrypted: Run, tmp_path: Path) -> None:
    encrypted("lock")
    unlocked = encrypted("unlock", "--for", "2h", env=pass_file(tmp_path))
    assert unlocked.returncode == 0, unlocked.stderr
    until = r"encrypted; unlocked until (\d{4}-\d\d-\d\d )?\d\d:\d\d\n"  # a date past midnight
    assert re.fullmatch(until, unlocked.stdout)
    status = encrypted("unlock", "--status")
    assert status.stdout == unlocked.stdout
    doctor = encrypted("doctor")
    assert unlocked.stdout.strip() in doctor.stdout, doctor.stdout
    key_files = files_under(Path(os.environ["XDG_RUNTIME_DIR"]))
    assert key_files and all(p.stat().st_mode & 0o077 == 0 for p in key_files)
    assert encrypted("lock").returncode == 0
    assert not files_under(Path(os.environ["XDG_RUNTIME_DIR"]))
    assert "encrypted; locked" in encrypted("doctor").stdout
    bad = encrypted("unlock", "--for", "soon", env=pass_file(tmp_path))
    assert bad.returncode == 2 and "duration" in bad.stderr


def test_remember_needs_keyring_and_says_so(encrypted: Run, tmp_path: Path) -> None:
    encrypted("lock")
    result = encrypted("unlock", "--remember", env=pass_file(tmp_path))
    if result.returncode == 0:  # keyring installed here: the risk must be stated
        assert "anyone or anything" in result.stderr
        encrypted("lock", "--forget")
    else:
        assert result.returncode == 1 and "pip install keyring" in result.stderr


FAKE_KEYRING = """
import json, os
STORE = os.environ["FAKE_KEYRING_FILE"]
def _load():
    return json.load(open(STORE)) if os.path.exists(STORE) else {}
def set_password(service, user, secret):
    data = _load(); data[service + "/" + user] = secret; json.dump(data, open(STORE, "w"))
def get_password(service, user):
    return _load().get(service + "/" + user)
def delete_password(service, user):
    data = _load(); del data[service + "/" + user]; json.dump(data, open(STORE, "w"))
"""


def test_remember_keeps_the_passphrase_in_the_keyring_only_when_asked(
    encrypted: Run, tmp_path: Path
) -> None:
    fake = tmp_path / "fakekeyring"
    fake.mkdir()
    (fake / "keyring.py").write_text(FAKE_KEYRING)
    store = tmp_path / "keyring.json"
    env = {"PYTHONPATH": str(fake), "FAKE_KEYRING_FILE": str(store)}
    encrypted("lock")
    encrypted("unlock", env={**env, **pass_file(tmp_path)})
    assert not store.exists()  # never without --remember
    encrypted("lock")
    remembered = encrypted("unlock", "--remember", env={**env, **pass_file(tmp_path)})
    assert remembered.returncode == 0, remembered.stderr
    assert "anyone or anything" in remembered.stderr and PASS in store.read_text()
    encrypted("lock")
    listed = encrypted("list", env=env)  # locked, no passphrase file: the keyring opens it
    assert listed.returncode == 0, listed.stderr
    assert encrypted("lock", "--forget", env=env).returncode == 0
    assert PASS not in store.read_text()
    assert encrypted("list", env=env).returncode == 1


def flip_bit(path: Path, index: int) -> bytes:
    raw = bytearray(path.read_bytes())
    raw[index] ^= 0x10
    path.write_bytes(bytes(raw))
    return bytes(raw)


@pytest.mark.parametrize("where", ["magic", "header", "nonce", "ciphertext", "tag", "truncated"])
def test_a_damaged_file_is_refused_untouched_naming_the_newest_good_backup(
    encrypted: Run, where: str
) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    kept = encrypted("doctor")  # make sure a backup exists: one is kept before a save
    assert kept.returncode == 0
    encrypted("add", "note", "one more, so a backup is kept")
    backups = sorted((db.parent / f"{db.name}.backups").glob("*.bak"))
    assert backups
    raw = db.read_bytes()
    head_end = raw.index(b"\n", 30) + 1
    at = {
        "magic": 3,
        "header": 40,
        "nonce": head_end + 2,
        "ciphertext": head_end + 40,
        "tag": len(raw) - 3,
    }
    if where == "truncated":
        db.write_bytes(raw[: len(raw) // 2])
    else:
        flip_bit(db, at[where])
    damaged = db.read_bytes()
    result = encrypted("list")
    assert result.returncode == 1, result.stdout
    assert str(db) in result.stderr and "untouched" in result.stderr
    assert "Newest good backup" in result.stderr, result.stderr
    assert db.read_bytes() == damaged
    assert encrypted("add", "note", "not over a damaged file").returncode == 1
    assert db.read_bytes() == damaged
    restored = encrypted("doctor", "--restore", "1")
    assert restored.returncode == 0, restored.stderr
    assert db.read_bytes().startswith(b"coaching-journal encrypted\n")
    assert CANARY.encode() not in db.read_bytes()
    assert encrypted("list", "--json").returncode == 0


def test_passwd_rewraps_journal_and_backups(encrypted: Run, tmp_path: Path) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    new = "an entirely new passphrase"
    changed = encrypted("passwd", env=pass_file(tmp_path, new))
    assert changed.returncode == 0, changed.stderr
    assert "Changed the passphrase" in changed.stdout
    encrypted("lock")
    old = encrypted("list", env=pass_file(tmp_path))
    assert old.returncode == 1 and "Wrong passphrase" in old.stderr
    assert encrypted("list", env=pass_file(tmp_path, new)).returncode == 0
    for backup in (db.parent / f"{db.name}.backups").glob("*.bak"):
        assert backup.read_bytes().startswith(b"coaching-journal encrypted\n")


def test_decrypt_brings_plain_json_back(encrypted: Run, tmp_path: Path) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    done = encrypted("decrypt")
    assert done.returncode == 0, done.stderr
    assert json.loads(db.read_bytes())["entries"]
    assert encrypted("unlock", "--status").stdout.strip() == "not encrypted"
    assert len(json.loads(encrypted("list", "--json").stdout)) == 2


def test_lock_idle_sets_the_apps_idle_lock_inside_the_journal(
    encrypted: Run, tmp_path: Path
) -> None:
    from journal.live import APP_SETTINGS_KEY
    from journal.storage import keycache, unlocking
    from journal.store.journal_store import JournalStore
    from screens.settings import idle_lock_seconds

    done = encrypted("lock", "--idle", "15m")
    assert done.returncode == 0, done.stderr
    assert "after 15 minutes idle" in done.stdout
    db = encrypted.db  # type: ignore[attr-defined]
    header = unlocking.read_header(db)
    assert header is not None
    found = keycache.load(header.journal_id)
    assert found is not None  # it set the idle lock, it did not lock now
    store = JournalStore(db)
    store.storage.use_keys(found[0])
    assert idle_lock_seconds(store.meta()[APP_SETTINGS_KEY]) == 15 * 60
    store.close()
    bad = encrypted("lock", "--idle", "soon")
    assert bad.returncode != 0 and "duration" in bad.stderr


def test_lock_idle_refuses_a_plain_journal(journal: Run) -> None:
    assert journal("add", "note", "plain").returncode == 0
    done = journal("lock", "--idle", "15m")
    assert done.returncode == 1 and "not encrypted" in done.stderr

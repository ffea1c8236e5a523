"""Encrypted benchmark journals and the private environment their commands run in.

`encrypted_journal(plain, journal_cmd)` encrypts a generated journal once with `journal
encrypt` and caches it beside it (`journal-10000-s1-g3-crypt1.json`): the same journal
id, data key and capture key for every run, so one `journal unlock` serves every copy.
Every process here runs with `private_env(folder)`: HOME, the XDG folders and
XDG_RUNTIME_DIR (where `journal unlock` keeps the key) inside `folder`, no JOURNAL_*
variable of the caller, so the real user's journal, settings and keys are never touched.
It is built on `registry.ENV` when called, so the runner's bytecode setting holds (no
PYTHONDONTWRITEBYTECODE unless `--no-bytecode-cache`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.bench import registry

PASSPHRASE = "benchmark passphrase, not a secret"  # >= 12 characters, like any passphrase
CRYPT_VERSION = 1  # bump when the encrypted copies must be made again (passphrase, KDF)
# (variable, folder under the private HOME); HOME itself is the private folder
HOME_VARS = (
    ("HOME", ""),
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_STATE_HOME", ".local/state"),
)


def private_env(folder: Path, passphrase_file: Path | None = None) -> dict[str, str]:
    """registry.ENV with HOME, XDG_* and a 0700 XDG_RUNTIME_DIR inside `folder` (made
    here) and no JOURNAL_* of the caller; JOURNAL_PASSPHRASE_FILE only when given."""
    env = {k: v for k, v in registry.ENV.items() if not k.startswith("JOURNAL_")}
    home = folder / "home"
    for name, sub in HOME_VARS:
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(runtime, 0o700)  # keycache refuses a runtime folder others can enter
    env["XDG_RUNTIME_DIR"] = str(runtime)
    if passphrase_file is not None:
        env["JOURNAL_PASSPHRASE_FILE"] = str(passphrase_file)
    return env


def write_passphrase(folder: Path) -> Path:
    """A 0600 file holding PASSPHRASE (what JOURNAL_PASSPHRASE_FILE must name)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "passphrase"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, f"{PASSPHRASE}\n".encode())
    finally:
        os.close(fd)
    return path


def encrypted_path(plain: Path) -> Path:
    return plain.with_name(f"{plain.stem}-crypt{CRYPT_VERSION}.json")


def run_journal(argv: list[str], env: dict[str, str]) -> str:
    """Run a setup command (not timed); its stdout. A failure stops the row."""
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env)
    if done.returncode != 0:
        raise registry.BenchError(
            f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')}"
        )
    return done.stdout.decode(errors="replace")


def encrypted_journal(plain: Path, journal_cmd: list[str]) -> Path:
    """The cached encrypted copy of the generated journal `plain`, made when missing."""
    target = encrypted_path(plain)
    if target.exists():
        return target
    from journal.storage.crypto import file_is_encrypted

    work = Path(tempfile.mkdtemp(prefix="crypt-", dir=plain.parent))  # same disk: rename
    try:
        db = work / "journal.json"
        shutil.copyfile(plain, db)
        env = private_env(work, write_passphrase(work))
        run_journal([*journal_cmd, "encrypt", "--db", str(db)], env)
        if not file_is_encrypted(db):
            raise registry.BenchError(f"`journal encrypt` left {db} unencrypted")
        db.replace(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in plain.parent.glob(f"{plain.stem}-crypt*.json"):  # other CRYPT_VERSIONs
        if old != target:
            old.unlink(missing_ok=True)
    return target

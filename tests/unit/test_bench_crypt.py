"""The encrypted benchmark's helpers (tests/bench/crypt.py, rows_crypt.py): its processes
never see the user's HOME, XDG folders, runtime folder or JOURNAL_* variables, and never
run with PYTHONDONTWRITEBYTECODE once the runner turned the bytecode cache on."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from journal.storage import crypto, keycache, passphrase
from tests.bench import registry
from tests.bench.crypt import PASSPHRASE, encrypted_path, private_env, write_passphrase
from tests.bench.rows_crypt import parse_unlock_output


@pytest.fixture
def caller_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin",
        "HOME": "/home/someone",
        "XDG_RUNTIME_DIR": "/run/user/1000",
        "XDG_CONFIG_HOME": "/home/someone/.config",
        "JOURNAL_DB": "/home/someone/journal.json",
        "JOURNAL_PASSPHRASE_FILE": "/home/someone/secret",
        "JOURNAL_CONFIG": "/home/someone/coach.toml",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    monkeypatch.setattr(registry, "ENV", dict(env))
    return env


def test_private_env_keeps_every_user_folder_and_journal_variable_out(
    tmp_path: Path, caller_env: dict[str, str]
) -> None:
    registry.use_bytecode_cache(tmp_path / "pycache")
    env = private_env(tmp_path / "run")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert Path(env[name]).is_dir() and Path(env[name]).is_relative_to(tmp_path), name
    runtime = Path(env["XDG_RUNTIME_DIR"])
    assert runtime.is_relative_to(tmp_path)
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o700
    assert not any(k.startswith("JOURNAL_") for k in env)
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")
    assert env["PATH"] == "/usr/bin"


def test_private_env_runtime_folder_is_one_the_key_cache_accepts(
    tmp_path: Path, caller_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    env = private_env(tmp_path / "run")
    monkeypatch.setenv("XDG_RUNTIME_DIR", env["XDG_RUNTIME_DIR"])
    assert keycache.runtime_folder() == Path(env["XDG_RUNTIME_DIR"]) / keycache.FOLDER


def test_the_passphrase_file_is_private_and_reads_back(
    tmp_path: Path, caller_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = write_passphrase(tmp_path / "run")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    env = private_env(tmp_path / "run", file)
    assert env["JOURNAL_PASSPHRASE_FILE"] == str(file)
    monkeypatch.setenv(passphrase.FILE_VAR, str(file))
    assert passphrase.from_file() == PASSPHRASE
    assert crypto.passphrase_problem(PASSPHRASE) is None


def test_the_encrypted_copy_is_named_so_a_new_plain_journal_removes_it() -> None:
    plain = Path("data/journal-10000-s1-g3.json")
    found = encrypted_path(plain)
    assert found.parent == plain.parent and found != plain
    assert found.match("journal-10000-*.json*")  # run.journal_for's cleanup of old versions
    assert not found.match("journal-1000-*.json*")


def test_the_unlock_run_result_is_read_from_its_last_line() -> None:
    sample = parse_unlock_output('warning\n{"enter_ms": 955.5, "cpu_ms": 801.0, "prompt_s": 1}\n')
    assert sample == registry.Sample(955.5, 801.0)
    for bad in ("", "Traceback ...", '{"cpu_ms": 1}'):
        with pytest.raises(registry.BenchError):
            parse_unlock_output(bad)

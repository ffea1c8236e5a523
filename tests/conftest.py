"""Shared fixtures: every test gets its own temporary journal; the real one is never used."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.store.journal_store import JournalStore


@pytest.fixture(autouse=True)
def _no_real_journal(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point JOURNAL_DB and the user folders at a temp dir, so a slip cannot touch real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("JOURNAL_DB", str(home / "default-journal.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    runtime = home / "runtime"  # the unlocked key's folder: private, like the real one
    runtime.mkdir(mode=0o700)
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "journal.json"


@pytest.fixture
def store(db_path: Path) -> Iterator[JournalStore]:
    s = JournalStore(db_path)
    yield s
    s.close()


@pytest.fixture
def goals_store(store: JournalStore) -> JournalStore:
    """A journal with a small goal tree: revenue > enterprise, and a personal goal."""
    store.goals.add("Grow enterprise revenue", code="revenue")
    store.goals.add("Win three enterprise deals", code="enterprise", parent="revenue")
    store.goals.add("Cut checkout latency", code="latency")
    store.goals.add(
        "Influence across teams", code="influence", scope="personal", supports=["revenue"]
    )
    return store


def env_with_db(path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["JOURNAL_DB"] = str(path)
    return env

"""Write-only capture: `journal add` on a locked journal seals to the inbox; unlock merges."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from tests.cli.conftest import CANARY, JOURNAL, Run, pass_file

SEALED = "sealed for the inbox (locked journal)"


def inbox_of(db: Path) -> Path:
    return db.with_name(db.name + ".inbox")


def test_locked_add_seals_and_unlock_merges(encrypted: Run, tmp_path: Path) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    encrypted("lock")
    before = db.read_bytes()
    added = encrypted(
        "add",
        "feedback",
        f"Locked {CANARY}",
        "--from",
        "Priya",
        "--goal",
        "revenue",
        "--goal",
        "nosuchgoal",
        "--tag",
        "late",
    )
    assert added.returncode == 0, added.stderr
    assert SEALED in added.stdout
    assert db.read_bytes() == before  # the journal itself is not touched
    inbox = inbox_of(db)
    assert inbox.stat().st_mode & 0o777 == 0o600
    assert CANARY.encode() not in inbox.read_bytes()
    assert "1 entry waits in the inbox" in encrypted("doctor").stdout
    unlocked = encrypted("unlock", env=pass_file(tmp_path))
    assert unlocked.returncode == 0, unlocked.stderr
    assert "1 entry came in from the inbox (e3..e3)" in unlocked.stdout
    assert "goal 'nosuchgoal'" in unlocked.stdout
    assert not inbox.exists()
    [entry] = json.loads(encrypted("list", "--tag", "late", "--json").stdout)
    assert entry["id"] == "e3" and entry["goals"] == ["revenue"] and entry["source"] == "Priya"
    assert CANARY.encode() not in db.read_bytes()


def test_bad_input_is_refused_before_sealing(encrypted: Run) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    encrypted("lock")
    bad = encrypted("add", "note", "x", "--sentiment", "praise")
    assert bad.returncode == 2 and not inbox_of(db).exists()
    bad_when = encrypted("add", "note", "x", "--when", "the day after never")
    assert bad_when.returncode == 2 and not inbox_of(db).exists()


def test_200_locked_adds_from_two_processes_then_one_unlock(encrypted: Run, tmp_path: Path) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    encrypted("lock")
    env = {**os.environ, "JOURNAL_DB": str(db)}
    loop = (
        f'for i in $(seq 100); do "{JOURNAL}" add note "from $W number $i" >/dev/null '
        "|| exit 1; done"
    )
    writers = [subprocess.Popen(["sh", "-c", loop], env={**env, "W": name}) for name in ("a", "b")]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    unlocked = encrypted("unlock", env=pass_file(tmp_path))
    assert unlocked.returncode == 0, unlocked.stderr
    assert "200 entries came in" in unlocked.stdout
    entries = json.loads(encrypted("list", "--json").stdout)
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)) == 202
    titles = {e["title"] for e in entries}
    assert all(f"from {w} number {i}" in titles for w in "ab" for i in range(1, 101))
    assert not inbox_of(db).exists()


def test_kill_9_during_the_merge_loses_nothing(encrypted: Run, tmp_path: Path) -> None:
    db: Path = encrypted.db  # type: ignore[attr-defined]
    encrypted("lock")
    for i in range(30):
        assert SEALED in encrypted("add", "note", f"kept {i}").stdout
    env = {**os.environ, "JOURNAL_DB": str(db), **pass_file(tmp_path)}
    for delay in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.1):  # the KDF takes ~0.7 s
        child = subprocess.Popen(
            [JOURNAL, "unlock"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        child.kill()
        child.wait()
        encrypted("lock")
        if not any(inbox_of(db).parent.glob(f"{db.name}.inbox*")):
            break  # this run finished the merge before it was killed
    final = encrypted("unlock", env=pass_file(tmp_path))
    assert final.returncode == 0, final.stderr
    titles = [e["title"] for e in json.loads(encrypted("list", "--json").stdout)]
    assert sorted(t for t in titles if t.startswith("kept")) == sorted(
        f"kept {i}" for i in range(30)
    )
    assert not list(db.parent.glob(f"{db.name}.inbox*"))

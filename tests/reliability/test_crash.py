"""Issue 5, item 1: SIGKILL a writer at random moments; nothing written is ever lost.

A child (crash_child.py) runs an endless mix of add/edit/delete/link through the store,
logging each write before it starts and after it returns. The parent kills it with
SIGKILL at a random moment (and, every few rounds, exactly while a temp file exists,
i.e. mid-save), then checks the journal against a model built from the log:

* the file parses as a journal this version opens;
* every write that had returned is there, exactly;
* the one write in flight is either wholly applied or not at all (an edit changes title
  and body together, a link goals and skills together, so half an edit would show);
* ids are never reused; every backup parses; the files are 0600 (the child runs under
  umask 0); temp files are 0600 while they exist and gone after the next open.

JOURNAL_KILLS sets the number of kills (CI: the default 200).
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import stat
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest

from journal.storage import backups
from journal.storage.document import parse_ok
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import HERE, python, temp_files

KILLS = int(os.environ.get("JOURNAL_KILLS", "200"))
TARGETED_EVERY = 4  # every 4th kill waits for a temp file: a kill mid-save for certain

Model = dict[str, dict[str, Any]]


@dataclass
class Tally:
    kills: int = 0
    writes_returned: int = 0
    in_flight_applied: int = 0
    in_flight_absent: int = 0
    temps_seen_live: int = 0
    temps_left_by_kill: int = 0
    backups_checked: int = 0
    seconds: float = 0.0
    ops: dict[str, int] = field(default_factory=dict)


def state_of(doc: dict[str, Any]) -> Model:
    """The parts of each entry the child changes."""
    return {
        rec["id"]: {k: rec[k] for k in ("kind", "title", "body", "goals", "skills")}
        for rec in doc.get("entries", {}).values()
    }


def apply(model: Model, op: dict[str, Any], new_id: str | None) -> Model:
    """The model after one whole operation."""
    out = {k: dict(v) for k, v in model.items()}
    if op["op"] == "add":
        assert new_id is not None
        out[new_id] = {k: op[k] for k in ("kind", "title", "body", "goals", "skills")}
    elif op["op"] == "edit":
        out[op["id"]].update(title=op["title"], body=op["body"])
    elif op["op"] == "delete":
        del out[op["id"]]
    else:
        rec = out[op["id"]]
        rec["goals"] = rec["goals"] + [g for g in op["goals"] if g not in rec["goals"]]
        rec["skills"] = rec["skills"] + [s for s in op["skills"] if s not in rec["skills"]]
    return out


def read_log(log: Path) -> tuple[list[tuple[dict[str, Any], str | None]], dict[str, Any] | None]:
    """Completed ops (with the id an add got) and the op in flight, if any."""
    done: list[tuple[dict[str, Any], str | None]] = []
    pending: dict[str, Any] | None = None
    for line in log.read_bytes().split(b"\n"):
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue  # an empty or torn last line: that write never started or never logged
        if "begin" in record:
            pending = record["begin"]
        elif "done" in record:
            assert pending is not None and pending["token"] == record["done"]
            done.append((pending, record.get("id")))
            pending = None
    return done, pending


def id_number(ident: str) -> int:
    return int(ident[1:])


def wait_for_line(log: Path, proc: subprocess.Popen[bytes], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and log.stat().st_size:
            return
        if proc.poll() is not None:
            break
        time.sleep(0.002)
    proc.kill()
    raise AssertionError(f"the child did not start: {proc.stderr.read() if proc.stderr else ''}")


def kill_mid_save(db: Path, proc: subprocess.Popen[bytes], tally: Tally) -> None:
    """Wait until a save's temp file exists, check it is 0600, then SIGKILL at once."""
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        for tmp in temp_files(db):
            try:
                mode = stat.S_IMODE(tmp.stat().st_mode)
            except FileNotFoundError:
                continue
            os.kill(proc.pid, signal.SIGKILL)
            assert mode == 0o600, f"temp file {tmp.name} is {mode:04o} while live"
            tally.temps_seen_live += 1
            return
    os.kill(proc.pid, signal.SIGKILL)


@pytest.mark.slow
def test_sigkill_during_writes_never_loses_or_tears(tmp_path: Path) -> None:
    db = tmp_path / "data" / "journal.json"
    setup = JournalStore(db)
    for code in ("revenue", "quality", "hiring", "latency"):
        setup.goals.add(f"Goal {code}", code=code)
    for code in ("presenting", "writing", "sql"):
        setup.skills.add(f"Skill {code}", code=code)
    setup.close()
    model: Model = {}
    highest_id = 0
    rng = random.Random(int(os.environ.get("JOURNAL_KILL_SEED", "5")))
    tally = Tally()
    started = time.monotonic()
    for round_no in range(1, KILLS + 1):
        log = tmp_path / f"log-{round_no}.jsonl"
        err_path = tmp_path / "child-stderr.txt"
        with err_path.open("wb") as err:
            proc = subprocess.Popen(
                python(HERE / "crash_child.py", db, log, round_no),
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
            wait_for_line(log, proc)
            if round_no % TARGETED_EVERY == 0:
                kill_mid_save(db, proc, tally)
            else:
                time.sleep(rng.uniform(0, 0.12))
                os.kill(proc.pid, signal.SIGKILL)
            code = proc.wait(timeout=10)
        assert code == -signal.SIGKILL, (
            f"round {round_no}: the child ended by itself ({code}): {err_path.read_text()}"
        )
        tally.kills += 1

        # Leftover temp files must be private; the next open must clear them.
        leftovers = temp_files(db)
        tally.temps_left_by_kill += bool(leftovers)
        for tmp in leftovers:
            assert stat.S_IMODE(tmp.stat().st_mode) == 0o600

        raw = db.read_bytes()
        assert parse_ok(raw), f"round {round_no}: the journal does not parse after a kill"
        now = state_of(orjson.loads(raw))
        done, pending = read_log(log)
        for op, new_id in done:
            if new_id is not None:
                assert id_number(new_id) > highest_id, f"id {new_id} reused"
                highest_id = id_number(new_id)
            model = apply(model, op, new_id)
            tally.ops[op["op"]] = tally.ops.get(op["op"], 0) + 1
        tally.writes_returned += len(done)

        if now == model:
            tally.in_flight_absent += pending is not None
        else:
            assert pending is not None, f"round {round_no}: the journal differs from the log"
            extra = sorted(set(now) - set(model), key=id_number)
            new_id = extra[0] if pending["op"] == "add" and len(extra) == 1 else None
            whole = apply(model, pending, new_id) if pending["op"] != "add" or new_id else None
            assert now == whole, (
                f"round {round_no}: the write in flight ({pending['op']}) is half applied"
            )
            if new_id:
                assert id_number(new_id) > highest_id, f"id {new_id} reused"
                highest_id = id_number(new_id)
            model = now
            tally.in_flight_applied += 1

        reopened = JournalStore(db)  # the next open cleans up after the crash
        assert not temp_files(db), f"round {round_no}: temp file left after the next open"
        assert state_of({"entries": reopened.storage.read().get("entries", {})}) == model
        reopened.close()
        with open(reopened.storage.lock_path, "rb") as lock:  # the dead child holds no lock
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for path in (db, reopened.storage.lock_path):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(backups.folder_for(db).stat().st_mode) == 0o700
        for backup in backups.list_backups(db):
            assert parse_ok(backup.read_bytes()), f"backup {backup.name} does not parse"
            assert stat.S_IMODE(backup.stat().st_mode) == 0o600
            tally.backups_checked += 1
        log.unlink()
    tally.seconds = time.monotonic() - started
    print(f"\ncrash test: {tally}")
    assert tally.kills == KILLS
    assert tally.writes_returned > KILLS, "the kills should land among many writes"
    if KILLS >= 40:
        assert tally.temps_seen_live >= KILLS // TARGETED_EVERY // 2
        assert tally.in_flight_applied + tally.in_flight_absent > KILLS // 2

"""Issue 5, item 3: two writers at once lose nothing; a dead lock holder blocks no one.

jrnl lost journals to two concurrent runs (jrnl #502). Here one process runs the real
`journal add` executable 300 times in a shell loop while another adds 300 entries through
a long-lived JournalStore, paced so the two overlap from start to finish. Then a process
is SIGKILLed while it holds the journal's lock in the middle of a transaction: the kernel
drops a flock with its owner, so the next writer goes ahead within a second and the dead
process's unsaved change is simply not there.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from journal.doctor.checks import check
from journal.store.journal_store import JournalStore
from tests.reliability.conftest import JOURNAL, cli, seeded

PER_WRITER = 300

STORE_WRITER = textwrap.dedent(
    """
    import random, sys, time
    from journal.store.journal_store import JournalStore
    store = JournalStore(sys.argv[1])
    rng = random.Random(3)
    for i in range(1, int(sys.argv[2]) + 1):
        store.entries.add("reflection", f"store {i}", goals=["revenue"])
        time.sleep(rng.uniform(0, float(sys.argv[3])))
    """
)

LOCK_HOLDER = textwrap.dedent(
    """
    import sys, time
    from journal.store.journal_store import JournalStore
    store = JournalStore(sys.argv[1])
    with store.transaction():
        store.entries.add("note", "never saved: its writer dies holding the lock")
        print("locked", flush=True)
        time.sleep(120)
    """
)


@pytest.mark.slow
def test_cli_and_store_writing_at_once_lose_nothing(db: Path) -> None:
    seeded(db).close()
    base = len(JournalStore(db).entries.all())
    env = {**os.environ, "JOURNAL_DB": str(db)}
    started = time.monotonic()
    shell = subprocess.Popen(
        [
            "sh",
            "-c",
            f'for i in $(seq 1 {PER_WRITER}); do "$0" add note "cli $i" --tag cli '
            ">/dev/null || exit 1; done",
            JOURNAL,
        ],
        env=env,
        stderr=subprocess.PIPE,
    )
    time.sleep(0.3)  # let the shell loop get going, then pace the store to span it
    store = subprocess.Popen(
        [sys.executable, "-c", STORE_WRITER, str(db), str(PER_WRITER), "0.12"],
        stderr=subprocess.PIPE,
    )
    _, shell_err = shell.communicate(timeout=240)
    _, store_err = store.communicate(timeout=240)
    seconds = time.monotonic() - started
    assert shell.returncode == 0, shell_err.decode()
    assert store.returncode == 0, store_err.decode()

    doc = orjson.loads(db.read_bytes())
    entries = list(doc["entries"].values())
    ids = [e["id"] for e in entries]
    assert len(entries) == base + 2 * PER_WRITER
    assert len(set(ids)) == len(ids)
    titles = {e["title"] for e in entries}
    for i in range(1, PER_WRITER + 1):
        assert f"cli {i}" in titles and f"store {i}" in titles
    assert check(db).healthy, check(db).problems
    # They really wrote at the same time: in id order, the two sources interleave.
    order = [e["title"].split()[0] for e in sorted(entries, key=lambda e: int(e["id"][1:]))]
    switches = sum(1 for a, b in zip(order, order[1:], strict=False) if a != b)
    print(
        f"\ntwo writers: {len(entries)} entries ({2 * PER_WRITER} added), "
        f"{len(set(ids))} unique ids, {switches} switches between writers, {seconds:.1f} s"
    )
    assert switches >= 50


def test_killed_lock_holder_does_not_block_the_next_writer(db: Path) -> None:
    seeded(db).close()
    before = db.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stderr is not None
        assert holder.stdout.readline() == b"locked\n", holder.stderr.read()
        lock_path = db.with_name(db.name + ".lock")
        with open(lock_path, "rb") as lock, pytest.raises(BlockingIOError):
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # proof: it is held
        env = {**os.environ, "JOURNAL_DB": str(db)}
        waiter = subprocess.Popen(
            [JOURNAL, "add", "note", "after the crash"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(0.8)
        assert waiter.poll() is None, "the second writer should wait for the lock"
        killed_at = time.monotonic()
        holder.send_signal(signal.SIGKILL)
        out, err = waiter.communicate(timeout=10)
        waited = time.monotonic() - killed_at
    finally:
        holder.kill()
        holder.wait()
    assert waiter.returncode == 0, err.decode()
    assert waited < 1.0, f"the next writer waited {waited:.2f} s after the holder died"
    titles = [e["title"] for e in JournalStore(db).entries.all()]
    assert "after the crash" in titles
    assert not any(t.startswith("never saved") for t in titles)
    assert len(titles) == len(orjson.loads(before)["entries"]) + 1
    # And a fresh in-process store is not blocked either.
    again = time.monotonic()
    JournalStore(db).entries.add("note", "and another")
    assert time.monotonic() - again < 1.0
    print(f"\nlock holder killed -9: next writer went ahead {waited * 1000:.0f} ms later")


def test_lock_waits_are_bounded_with_a_clear_message(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A live holder that never lets go: the CLI gives up with a message, exit 1."""
    seeded(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        from journal.storage import fileops

        monkeypatch.setattr(fileops, "LOCK_TIMEOUT", 0.3)
        before = db.read_bytes()
        from journal.cli import main

        status = main(["--db", str(db), "add", "note", "x"])
        assert status == 1
        assert "is busy" in capsys.readouterr().err
        assert db.read_bytes() == before
        result = cli(db, "list")  # reading needs no lock
        assert result.returncode == 0 and b"Closed Acme." in result.stdout
    finally:
        holder.kill()
        holder.wait()

"""Benchmark rows for an encrypted journal (issue 17 budgets).

Each size's generated journal is encrypted once with `journal encrypt` and cached beside
it (tests/bench/crypt.py). Every process runs with a private HOME, XDG folders and
XDG_RUNTIME_DIR under the run's scratch folder, never the user's:

- unlocked: `journal unlock --for 24h` (passphrase from a 0600 JOURNAL_PASSPHRASE_FILE,
  not timed) left the key in the private runtime folder; the timed commands get no
  passphrase file, so a key that was not found fails the row instead of timing a KDF.
  `add` writes (one sealed write of the whole journal) on a fresh copy per run.
- locked: no key and no passphrase file; `add` reads only the header and seals the
  entry into `<journal>.inbox` (no KDF, the journal is not read); the inbox is removed
  before each run, so every run is the first capture.
- the app: a whole process (tests/bench/tui_unlock.py) on a locked copy; from pressing
  Enter on the passphrase until the journal screen lists every entry (Argon2id
  MODERATE, ~0.7 s of it, runs in the unlock worker).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.bench.crypt import encrypted_journal, private_env, run_journal, write_passphrase
from tests.bench.registry import BenchError, Context, Measurement, Sample, register, run_timed
from tests.bench.rows_cli import TAG

TEXT = "Benchmark: one more note. It has a body too."
TUI_SCRIPT = Path(__file__).resolve().with_name("tui_unlock.py")
EVERY_SIZE = {1_000: 100.0, 10_000: 100.0, 50_000: 100.0}


@dataclass
class Encrypted:
    """One size's encrypted journal, read copy and private environments for this run."""

    journal: Path  # the cached encrypted journal: copy it, never write it
    folder: Path
    passphrase_file: Path
    reader: Path  # a copy the read-only rows use
    unlocked: dict[str, str]  # env whose runtime folder holds the key
    locked: dict[str, str]  # env with no key anywhere and no passphrase file
    runs: int = 0

    def next_folder(self) -> Path:
        self.runs += 1
        folder = self.folder / f"run-{self.runs}"
        folder.mkdir(parents=True)
        return folder

    def copy(self, folder: Path) -> Path:
        target = folder / "journal.json"
        shutil.copyfile(self.journal, target)
        return target


_prepared: dict[tuple[Path, int | None], Encrypted] = {}


def prepared(ctx: Context) -> Encrypted:
    """The size's encrypted setup, made on first use (encrypting, unlocking: not timed)."""
    key = (ctx.scratch, ctx.size)
    if key not in _prepared:
        assert ctx.journal is not None
        journal = encrypted_journal(ctx.journal, ctx.journal_cmd)
        folder = ctx.scratch / f"encrypted-{ctx.size}"
        passphrase_file = write_passphrase(folder)
        reader = folder / "reader" / "journal.json"
        reader.parent.mkdir(parents=True)
        shutil.copyfile(journal, reader)
        unlocked = private_env(folder / "unlocked")
        run_journal(
            [*ctx.journal_cmd, "unlock", "--for", "24h", "--db", str(reader)],
            {**unlocked, "JOURNAL_PASSPHRASE_FILE": str(passphrase_file)},
        )
        locked = private_env(folder / "locked")
        _prepared[key] = Encrypted(journal, folder, passphrase_file, reader, unlocked, locked)
    return _prepared[key]


def unlocked_add(ctx: Context) -> Sample:
    crypt = prepared(ctx)
    run = crypt.next_folder()
    db = crypt.copy(run)
    try:
        argv = [*ctx.journal_cmd, "add", "note", TEXT, "--db", str(db)]
        return run_timed(argv, env=crypt.unlocked, expect=" added: note")
    finally:
        shutil.rmtree(run, ignore_errors=True)


def unlocked_list(ctx: Context) -> Sample:
    crypt = prepared(ctx)
    argv = [*ctx.journal_cmd, "list", "--tag", TAG, "-n", "20", "--db", str(crypt.reader)]
    return run_timed(argv, env=crypt.unlocked, check_output=True)


def locked_add(ctx: Context) -> Sample:
    crypt = prepared(ctx)
    db = crypt.folder / "locked-add" / "journal.json"
    if not db.exists():
        db.parent.mkdir()
        shutil.copyfile(crypt.journal, db)
    db.with_name(db.name + ".inbox").unlink(missing_ok=True)
    argv = [*ctx.journal_cmd, "add", "note", TEXT, "--db", str(db)]
    return run_timed(argv, env=crypt.locked, expect="sealed for the inbox")


def first_screen(ctx: Context) -> Sample:
    """Enter on the passphrase -> the first listing, in a fresh app process."""
    crypt = prepared(ctx)
    run = crypt.next_folder()
    try:
        db = crypt.copy(run)
        secret = str(crypt.passphrase_file)
        argv = [ctx.python, str(TUI_SCRIPT), str(db), "--passphrase-file", secret]
        out = run_journal(argv, private_env(run))  # a fresh runtime folder: no key in it
        return parse_unlock_output(out)
    finally:
        shutil.rmtree(run, ignore_errors=True)


def parse_unlock_output(out: str) -> Sample:
    """The sample in tui_unlock.py's last line of output (its JSON)."""
    lines = out.strip().splitlines()
    try:
        found = json.loads(lines[-1])
        return Sample(float(found["enter_ms"]), float(found["cpu_ms"]))
    except (IndexError, ValueError, KeyError, TypeError):
        raise BenchError(f"tui_unlock.py printed no result: {out[-300:]!r}") from None


ADD_LIST = {10_000: 250.0}
register(Measurement("encrypted, unlocked: journal add note TEXT", unlocked_add, ADD_LIST))
register(
    Measurement(f"encrypted, unlocked: journal list --tag {TAG} -n 20", unlocked_list, ADD_LIST)
)
register(Measurement("encrypted, locked: journal add (sealed to inbox)", locked_add, EVERY_SIZE))
register(
    Measurement("encrypted app: Enter on passphrase -> first listing", first_screen, {10_000: 1500})
)

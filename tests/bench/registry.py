"""The benchmark's rows: named measurements with per-size budgets.

A row is a `Measurement` whose `sample(ctx)` does ONE timed run and returns wall-clock
milliseconds (a float), or a `Sample` that also carries the CPU time the run used; the
runner warms it up once, repeats it, and reports the median against `budgets[size]`.
CPU time (user+sys of the child) helps read a noisy machine: when wall >> cpu, the run
waited for a CPU rather than did more work.
To add rows (say, the TUI's first-frame time or ms per filter keystroke), create a module
`tests/bench/rows_<name>.py` that calls `register(...)` at import time; the runner imports
every `rows_*` module it finds. `command(...)` builds the common case: time a whole
`journal ...` process. A TUI row might look like:

    def first_frame(ctx: Context) -> float:
        # run a helper script on ctx.journal (read-only; ctx.fresh_copy() to write) that
        # prints ms to the first frame; parse and return it
        ...

    register(Measurement("tui: first frame", first_frame, {10_000: 1000, 50_000: 1000}))
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Sample(NamedTuple):
    wall: float  # ms
    cpu: float | None = None  # ms of user+sys time, when known


class BenchError(RuntimeError):
    """A measured command failed: its numbers would mean nothing."""


@dataclass
class Context:
    """What a sample needs: the journal of this size and a scratch folder for copies."""

    size: int | None  # None for rows that do not depend on a journal (baselines)
    journal: Path | None  # the cached generated journal: read it, never write it
    scratch: Path
    python: str = sys.executable
    _copies: int = 0

    @property
    def journal_cmd(self) -> list[str]:
        """The installed console script, as a user runs it (else `python -m journal`)."""
        script = Path(self.python).parent / "journal"
        return [str(script)] if script.exists() else [self.python, "-m", "journal"]

    def fresh_copy(self) -> Path:
        """A private copy of the journal for a run that writes (made outside the timing)."""
        assert self.journal is not None
        self._copies += 1
        folder = self.scratch / f"copy-{self.size}-{self._copies}"
        folder.mkdir(parents=True)
        target = folder / "journal.json"
        shutil.copyfile(self.journal, target)
        return target


@dataclass(frozen=True)
class Measurement:
    """One row family of the table: run once per journal size (or once, if not per_size)."""

    name: str
    sample: Callable[[Context], float | Sample]
    budgets: Mapping[int, float] = field(default_factory=dict)
    per_size: bool = True
    # Why this row cannot run here (e.g. a command not built yet), or None to run it.
    unavailable: Callable[[Context], str | None] = lambda ctx: None


REGISTRY: dict[str, Measurement] = {}

# The environment of every measured process. An installed app runs from compiled
# bytecode, so the runner points PYTHONPYCACHEPREFIX at the data folder and drops
# PYTHONDONTWRITEBYTECODE (which, if set, makes every run recompile journal/ from source).
ENV: dict[str, str] = dict(os.environ)


def use_bytecode_cache(folder: Path) -> None:
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def register(measurement: Measurement) -> Measurement:
    if measurement.name in REGISTRY:
        raise ValueError(f"benchmark row {measurement.name!r} is registered twice")
    REGISTRY[measurement.name] = measurement
    return measurement


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(
    argv: list[str],
    check_output: bool = False,
    *,
    env: Mapping[str, str] | None = None,
    expect: str | None = None,
) -> Sample:
    """Run a whole process; wall-clock and CPU ms. Output goes to /dev/null unless checked
    (`check_output`: it printed something; `expect`: its output holds that text). `env`
    replaces ENV (say, one built on it with a private HOME)."""
    check_output = check_output or expect is not None
    cpu_before = _child_cpu()
    started = time.perf_counter()
    result = subprocess.run(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if check_output else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV if env is None else dict(env),
    )
    elapsed = (time.perf_counter() - started) * 1000
    cpu = (_child_cpu() - cpu_before) * 1000
    if result.returncode != 0:
        raise BenchError(
            f"{' '.join(argv)} exited {result.returncode}: {result.stderr.decode(errors='replace')}"
        )
    if check_output and not result.stdout.strip():
        raise BenchError(f"{' '.join(argv)} printed nothing: the benchmark query matches nothing")
    if expect is not None and expect not in result.stdout.decode(errors="replace"):
        raise BenchError(f"{' '.join(argv)} did not print {expect!r}: it measured something else")
    return Sample(elapsed, cpu)


def command(
    name: str,
    args: Callable[[Context, Path], list[str]],
    budgets: Mapping[int, float] | None = None,
    *,
    writes: bool = False,
    unavailable: Callable[[Context], str | None] = lambda ctx: None,
) -> Measurement:
    """Register a row timing `journal <args>`; `writes` runs each sample on a fresh copy."""
    warmed: set[int | None] = set()

    def sample(ctx: Context) -> Sample:
        assert ctx.journal is not None
        db = ctx.fresh_copy() if writes else ctx.journal
        argv = ctx.journal_cmd + args(ctx, db)
        first = ctx.size not in warmed
        warmed.add(ctx.size)
        return run_timed(argv, check_output=first)

    return register(Measurement(name, sample, budgets or {}, unavailable=unavailable))


def baseline(name: str, code: str) -> Measurement:
    """Register a size-independent row: `python -c CODE`, the floor under every command."""
    return register(
        Measurement(name, lambda ctx: run_timed([ctx.python, "-c", code]), per_size=False)
    )

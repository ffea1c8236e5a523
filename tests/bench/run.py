"""The journal's benchmark: whole `journal` processes timed on big generated journals.

Run it from the repository root (not part of the normal test run):

    python -m tests.bench                      # 1k, 10k and 50k entries, 5 runs each
    python -m tests.bench --sizes 1000,10000 --runs 7
    python -m tests.bench --only list          # rows whose name contains "list"
    python tests/bench/run.py ...              # the same

Journals are generated once by `tests.bench.generate.generate_journal` into tests/bench/data/
(gitignored) and regenerated when missing or when the generator's version changes.
Processes run from compiled bytecode kept in tests/bench/data/pycache, as an installed
app would. Each row is warmed up once (which also checks that it succeeds and prints
something), then run --runs times; the table shows the median against the row's budget
for that size. Rows that write (`journal add`) run each time on a fresh copy made outside
the timing. Exit status 1 when any row misses its budget. Rows live in `rows_*.py`
modules; see registry.py to add one. The machine should be otherwise idle: the header
prints the load average.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.registry import (  # noqa: E402
    REGISTRY,
    BenchError,
    Context,
    Measurement,
    Sample,
    use_bytecode_cache,
)

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_SIZES = (1_000, 10_000, 50_000)
SEED = 1


@dataclass
class Row:
    size: int | None
    name: str
    samples: list[float]
    budget: float | None
    note: str = ""
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def verdict(self) -> str:
        if self.note:
            return "SKIP" if not self.samples else "ERROR"
        if self.budget is None or self.median is None:
            return "-"
        return "PASS" if self.median <= self.budget else "FAIL"


def load_rows() -> None:
    """Import every tests/bench/rows_*.py module: each registers its rows."""
    folder = Path(__file__).resolve().parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if info.name.startswith("rows_"):
            importlib.import_module(f"tests.bench.{info.name}")


def journal_for(size: int) -> Path:
    """The cached journal of `size` entries, generated when missing."""
    from tests.bench.generate import GENERATOR_VERSION, generate_journal

    path = DATA / f"journal-{size}-s{SEED}-g{GENERATOR_VERSION}.json"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        partial = path.with_name(f"{path.stem}.partial.json")
        for leftover in (partial, partial.with_name(partial.name + ".lock")):
            leftover.unlink(missing_ok=True)
        generate_journal(partial, size, seed=SEED)
        partial.replace(path)
        partial.with_name(partial.name + ".lock").unlink(missing_ok=True)
        for old in DATA.glob(f"journal-{size}-*.json*"):  # other generator versions or seeds
            if old != path and old.is_file():
                old.unlink(missing_ok=True)
        took = time.perf_counter() - started
        print(
            f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {took:.1f} s",
            file=sys.stderr,
        )
    return path


def measure(m: Measurement, ctx: Context, runs: int) -> Row:
    budget = m.budgets.get(ctx.size) if ctx.size is not None else None
    reason = m.unavailable(ctx)
    if reason:
        return Row(ctx.size, m.name, [], budget, reason)
    try:
        m.sample(ctx)  # warm-up: OS caches, .pyc files, and a check that it works
        samples = [m.sample(ctx) for _ in range(runs)]
    except BenchError as err:
        return Row(ctx.size, m.name, [float("nan")], budget, str(err).strip().splitlines()[0])
    pairs = [s if isinstance(s, Sample) else Sample(s) for s in samples]
    cpu = [p.cpu for p in pairs if p.cpu is not None]
    return Row(ctx.size, m.name, [p.wall for p in pairs], budget, cpu=cpu)


def format_table(rows: list[Row]) -> str:
    header = ("size", "command", "median ms", "min-max ms", "cpu ms", "budget ms", "result")
    lines = [header]
    for r in rows:
        spread = f"{min(r.samples):.0f}-{max(r.samples):.0f}" if r.samples and not r.note else ""
        lines.append(
            (
                f"{r.size:,}" if r.size is not None else "-",
                r.name,
                f"{r.median:.0f}" if r.median is not None and not r.note else "",
                spread,
                f"{r.cpu_median:.0f}" if r.cpu_median is not None else "",
                f"{r.budget:.0f}" if r.budget is not None else "-",
                r.verdict + (f"  ({r.note})" if r.note else ""),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    out = []
    for n, line in enumerate(lines):
        cells = [
            c.rjust(w) if i in (0, 2, 3, 4, 5) else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=False))
        ]
        out.append("  ".join(cells + [line[-1]]).rstrip())
        if n == 0:
            out.append("-" * len(out[0]))
    return "\n".join(out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="journal sizes, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per row (default: 5)")
    parser.add_argument("--only", metavar="TEXT", help="only rows whose name contains TEXT")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep the caller's PYTHONDONTWRITEBYTECODE (every run compiles "
        "journal/ from source, unlike an installed app)",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be numbers like 1000,10000, not {args.sizes!r}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_rows()
    if not args.no_bytecode_cache:
        use_bytecode_cache(DATA / "pycache")
    chosen = [m for m in REGISTRY.values() if not args.only or args.only in m.name]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as scratch:
        for m in (m for m in chosen if not m.per_size):
            rows.append(measure(m, Context(None, None, Path(scratch)), args.runs))
        for size in args.sizes:
            ctx = Context(size, journal_for(size), Path(scratch))
            for m in (m for m in chosen if m.per_size):
                rows.append(measure(m, ctx, args.runs))
                print(f"  {size:>6} {m.name}: {rows[-1].verdict}", file=sys.stderr)
    version = sys.version.split()[0]
    cache = "no bytecode cache" if args.no_bytecode_cache else "bytecode cached"
    print(
        f"\nBenchmark: whole processes, median of {args.runs} runs "
        f"(python {version}, {cache}, load average {os.getloadavg()[0]:.2f})"
    )
    print(format_table(rows))
    busy = os.getloadavg()[0]
    if busy > 0.5:
        print(
            f"note: load average {busy:.2f}: other work shared the CPUs, so wall times are "
            "inflated; compare the cpu column, or re-run on an idle machine"
        )
    return 1 if any(r.verdict in ("FAIL", "ERROR") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

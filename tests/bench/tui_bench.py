"""TUI benchmark: time to the first populated screen, and milliseconds per filter keystroke.

    python tests/bench/tui_bench.py                 # 50,000 entries
    python tests/bench/tui_bench.py --size 10000 --runs 5

Each run is a fresh process (bytecode cached, as `python -m tests.bench` runs them: no
PYTHONDONTWRITEBYTECODE) running the real app headless (`App.run_test`) on a copy
of a generated journal (`tests.bench.generate.generate_journal`, cached in tests/bench/data/
like the main benchmark). First screen: from the process's launch (interpreter start,
imports, opening the store, app start, the snapshot worker) until the journal screen
shows every entry; also shown from opening the store. Keystrokes: a second after the
first screen (the app folds the search text in the background meanwhile), typing a
search one key at a time into the filter bar, then deleting it; each sample runs from the key press
until the list shows that key's result (Pilot's own settling is outside the sample).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from journal.store.journal_store import JournalStore  # noqa: E402
from tests.bench.generate import GENERATOR_VERSION, generate_journal  # noqa: E402
from tests.bench.registry import ENV, use_bytecode_cache  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
NOW = datetime(2026, 6, 30, 18, 0, tzinfo=timezone(timedelta(hours=1)))
SEARCH = "customer call"
FIRST_FRAME_BUDGET = 1.0  # seconds
KEYSTROKE_BUDGET = 50.0  # milliseconds


def journal_file(size: int) -> Path:
    path = DATA / f"journal-{size}-s1-g{GENERATOR_VERSION}.json"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        generate_journal(path, size, seed=1)
    return path


async def one_run(source: Path) -> dict[str, object]:
    """One measured session; times are perf_counter seconds or milliseconds."""
    from screens.app import make_app
    from screens.journal import JournalScreen
    from screens.widgets.entry_list import EntryList

    folder = Path(tempfile.mkdtemp(prefix="tui-bench-"))
    try:
        path = folder / "journal.json"
        shutil.copy(source, path)
        shown: list[tuple[float, float, str]] = []
        # The list's `watch_listing` is spied on (watchers are looked up when a reactive
        # changes): JournalScreen._show_result is an @on handler, bound when its class was
        # made, so replacing it does nothing. The screen's `result` (the filter shown) is
        # set just before the listing it makes reaches the list.
        original = EntryList.watch_listing

        def spy(self: EntryList, *args, **kwargs):  # type: ignore[no-untyped-def]
            original(self, *args, **kwargs)
            result = self.screen.result  # type: ignore[attr-defined]
            shown.append((time.perf_counter(), time.process_time(), result.flt.text))

        EntryList.watch_listing = spy  # type: ignore[method-assign]
        try:
            opened = time.time()
            start = time.perf_counter()
            store = JournalStore(path)
            app = make_app(store, now=lambda: NOW)
            async with app.run_test(size=(100, 30)) as pilot:
                while not shown:
                    await asyncio.sleep(0.001)
                first = shown[0][0] - start
                first_wall = opened + first
                first_cpu = shown[0][1]  # CPU seconds of the whole process, all threads
                assert len(app.screen.entry_list.entries) == len(app.snapshot.entries)  # type: ignore[attr-defined, union-attr]
                screen = app.screen
                assert isinstance(screen, JournalScreen)
                screen.filter_bar.search.focus()
                await pilot.pause(1.0)  # let the search text be folded first
                typed = [await _key(pilot, shown, c, SEARCH[: i + 1]) for i, c in enumerate(SEARCH)]
                deleted = [
                    await _key(pilot, shown, "backspace", SEARCH[:i])
                    for i in range(len(SEARCH) - 1, -1, -1)
                ]
            store.close()
            return {
                "first": first,
                "first_wall": first_wall,
                "first_cpu": first_cpu,
                "typed": [wall for wall, _ in typed],
                "deleted": [wall for wall, _ in deleted],
                "typed_cpu": [cpu for _, cpu in typed],
                "deleted_cpu": [cpu for _, cpu in deleted],
            }
        finally:
            EntryList.watch_listing = original  # type: ignore[method-assign]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def _key(pilot, shown, key: str, text: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(wall ms, CPU ms) from pressing `key` until the list shows the result for `text`."""
    before = len(shown)
    start, start_cpu = time.perf_counter(), time.process_time()
    await pilot.press("space" if key == " " else key)
    while not any(t == text for *_, t in shown[before:]):
        await asyncio.sleep(0.0005)
    done, done_cpu = next((wall, cpu) for wall, cpu, t in shown[before:] if t == text)
    return (done - start) * 1000, (done_cpu - start_cpu) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", metavar="JOURNAL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(one_run(Path(args.child)))))
        return 0
    source = journal_file(args.size)
    use_bytecode_cache(DATA / "pycache")  # as the runner does: no PYTHONDONTWRITEBYTECODE
    runs = []
    for _ in range(args.runs):
        launched = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(source)],
            check=True,
            capture_output=True,
            text=True,
            env=ENV,
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        result["process"] = result["first_wall"] - launched
        runs.append(result)
    first = statistics.median(r["process"] for r in runs)
    in_app = statistics.median(r["first"] for r in runs)
    typed = [t for r in runs for t in r["typed"]]
    deleted = [d for r in runs for d in r["deleted"]]
    per_key = statistics.mean(typed)
    per_del = statistics.mean(deleted)
    worst = max(typed + deleted)
    cpu_first = statistics.median(r["first_cpu"] for r in runs)
    cpu_key = statistics.mean(c for r in runs for c in r["typed_cpu"])
    cpu_del = statistics.mean(c for r in runs for c in r["deleted_cpu"])
    load = os.getloadavg()[0]
    print(f"TUI on {args.size:,} entries ({args.runs} runs, headless 100x30)")
    each = ", ".join(f"{r['process']:.2f}" for r in runs)
    print(
        f"  first screen, list populated : {first:6.2f} s   from process launch (budget"
        f" {FIRST_FRAME_BUDGET} s; runs: {each})"
    )
    print(f"                                 {in_app:6.2f} s   from opening the store")
    print(f"                                 {cpu_first:6.2f} s   CPU time of the process")
    print(
        f"  filter keystroke, typing     : {per_key:6.1f} ms  (mean of {len(typed)};"
        f" budget {KEYSTROKE_BUDGET:.0f} ms)"
    )
    print(f"  filter keystroke, deleting   : {per_del:6.1f} ms  (mean of {len(deleted)})")
    print(f"  slowest keystroke            : {worst:6.1f} ms")
    print(f"  CPU per keystroke            : {cpu_key:6.1f} ms typing, {cpu_del:.1f} ms deleting")
    print(
        f"  load average at the end      : {load:.2f} on {os.cpu_count()} CPUs"
        " (wall times above grow with it)"
    )
    ok = first <= FIRST_FRAME_BUDGET * 1.2 and max(per_key, per_del) <= KEYSTROKE_BUDGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark rows for the command line (issue 2 budgets, review export from issue 4,
`journal show` and the whole-journal export from issue 9).

Queries are picked to be typical of the generated journals (journal/bench_journal.py):
`customer` is one of ~40 tags (about 5% of entries), `revenue` is a company goal with two
sub-goals and a personal goal woven into it (about 20% of entries are its evidence),
and 2025 is the one full year inside the three the journals span.
"""

from __future__ import annotations

import subprocess

from tests.bench.registry import ENV, Context, baseline, command

TAG = "customer"
GOAL = "revenue"
YEAR = "2025"


def review_missing(ctx: Context) -> str | None:
    """`journal review export` is another helper's work; skip the row until it lands."""
    probe = subprocess.run(
        [*ctx.journal_cmd, "review", "export", "--help"], capture_output=True, text=True, env=ENV
    )
    if probe.returncode != 0:
        return "`journal review export` does not exist yet (issue 4)"
    return None


baseline("python -c pass", "pass")
baseline("python -c 'import journal.cli'", "import journal.cli")

command(
    "journal add note TEXT",
    lambda ctx, db: [
        "add",
        "note",
        "Benchmark: one more note. It has a body too.",
        "--db",
        str(db),
    ],
    {10_000: 150, 50_000: 400},
    writes=True,
)
command(
    f"journal list --tag {TAG} -n 20",
    lambda ctx, db: ["list", "--tag", TAG, "-n", "20", "--db", str(db)],
    {10_000: 150, 50_000: 400},
)
command(
    f"journal list --goal {GOAL} --json",
    lambda ctx, db: ["list", "--goal", GOAL, "--json", "--db", str(db)],
    {10_000: 250, 50_000: 600},
)
command(
    f"journal review export --period {YEAR} --format md",
    lambda ctx, db: ["review", "export", "--period", YEAR, "--format", "md", "--db", str(db)],
    {10_000: 300},
    unavailable=review_missing,
)

command(
    "journal show ENTRY",
    lambda ctx, db: ["show", f"e{(ctx.size or 2) // 2}", "--db", str(db)],
    {10_000: 150, 50_000: 400},
)
command(
    "journal export --format json",
    lambda ctx, db: ["export", "--format", "json", "--db", str(db)],
    {10_000: 400},
)

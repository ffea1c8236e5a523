"""Benchmark rows for goal progress (issue 13): `journal checkin` is quick capture, so it
has `journal add`'s budget; `journal goal list --json` computes every goal's progress."""

from __future__ import annotations

import subprocess

from tests.bench.registry import ENV, Context, Measurement, Sample, command, register, run_timed

GOAL = "latency"  # a company goal of the generated journals


def checkin(ctx: Context) -> Sample:
    """One check-in on a fresh copy whose goal was given a metric first (not timed)."""
    db = ctx.fresh_copy()
    subprocess.run(
        [
            *ctx.journal_cmd,
            "goal",
            "edit",
            GOAL,
            "--baseline",
            "520",
            "--target",
            "300 ms",
            "--db",
            str(db),
        ],
        check=True,
        capture_output=True,
        env=ENV,
    )
    return run_timed([*ctx.journal_cmd, "checkin", GOAL, "375ms", "--db", str(db)])


register(Measurement("journal checkin CODE VALUE", checkin, {10_000: 150, 50_000: 400}))
command(
    "journal goal list --json",
    lambda ctx, db: ["goal", "list", "--json", "--db", str(db)],
    {10_000: 200},
)

"""Benchmark row for `journal coach` (issue 14: fast enough for a shell prompt or a login
message, under 150 ms at 10k entries). The coach reads the whole journal once."""

from __future__ import annotations

from tests.bench.registry import command

command(
    "journal coach -n 10",
    lambda ctx, db: ["coach", "-n", "10", "--db", str(db)],
    {10_000: 150, 50_000: 500},
)

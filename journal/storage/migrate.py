"""Schema migrations: what changes when a journal written by an older release is saved.

A journal of an older schema opens and reads as it is (every newer field is optional);
the first write brings its `meta` record up to SCHEMA_VERSION and records what ran in
`meta.migrations`, so `journal doctor` and a later release can tell. Pure: it changes
the dicts it is given, nothing else.

Schema 2 (issue 13, goal progress): goals may carry `metric` and `milestones`, entries
may be check-ins (kind `checkin`, with `value` and `confidence`). Nothing stored has to
change; the migration records, per goal, the numeric target its free-text target offers
(`5 deals`, `< 300 ms`, `7 days (from 14)`), which `journal goal show` proposes as a
metric. It never sets a metric itself: a baseline is the user's to give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from journal.measure import parse_target_text
from journal.records import StoredRecord

METRICS_MIGRATION = "2: goal metrics and check-ins"


def target_offers(goals: Iterable[Mapping[str, Any]]) -> dict[str, StoredRecord]:
    """For each goal with no metric whose free-text target starts with a number, the
    metric that target offers: {goal id: {target, unit, baseline or None}}."""
    offers: dict[str, StoredRecord] = {}
    for goal in goals:
        if goal.get("metric") or not isinstance(goal.get("target"), str):
            continue
        offered = parse_target_text(goal["target"])
        if offered is not None:
            target, unit, baseline = offered
            offers[str(goal.get("id"))] = {"target": target, "unit": unit, "baseline": baseline}
    return offers


def migrate_meta(
    meta: Mapping[str, Any], goals: Iterable[Mapping[str, Any]], now_iso: str
) -> StoredRecord | None:
    """The meta record brought up to schema 2, or None when it is there already."""
    schema = meta.get("schema", 0)
    if not isinstance(schema, int) or schema >= 2:
        return None
    ran = list(meta.get("migrations") or [])
    ran.append(
        {
            "name": METRICS_MIGRATION,
            "from": schema,
            "to": 2,
            "ran": now_iso,
            "offers": target_offers(goals),
        }
    )
    return {**meta, "schema": 2, "migrations": ran}

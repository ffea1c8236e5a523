"""`query.find` and `query.matches` share one predicate set: on random entries and filters
they must keep exactly the same entries (find only adds the newest-first order)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.models import KINDS, SENTIMENTS
from journal.periods import Period
from journal.query import EntryFilter, find, matches, newest_first
from journal.records import Entry

WORDS = ["demo", "Fix", "deck", "ana", "Priya", "ship", "ÉTÉ", "q3"]
TAGS = ["deck", "focus", "deal"]
GOALS = ["g1", "g2", "g3"]
SKILLS = ["s1", "s2"]
DAY0 = date(2026, 1, 1)

words = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    found = []
    for n in range(1, draw(st.integers(0, 12)) + 1):
        day = DAY0 + timedelta(days=draw(st.integers(0, 200)))
        found.append(
            {
                "id": f"e{n}",
                "kind": draw(st.sampled_from(KINDS)),
                "when": f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:00:00+01:00",
                "title": draw(words),
                "body": draw(words),
                "source": draw(st.none() | st.sampled_from(["Ana", "Priya Shah", "sam"])),
                "sentiment": draw(st.none() | st.sampled_from(SENTIMENTS)),
                "tags": draw(st.lists(st.sampled_from(TAGS), unique=True)),
                "goals": draw(st.lists(st.sampled_from(GOALS), unique=True)),
                "skills": draw(st.lists(st.sampled_from(SKILLS), unique=True)),
                "starred": draw(st.booleans()),
            }
        )
    return found


@st.composite
def filters(draw: st.DrawFn) -> EntryFilter:
    period = None
    if draw(st.booleans()):
        start = DAY0 + timedelta(days=draw(st.integers(0, 200)))
        period = Period(start, start + timedelta(days=draw(st.integers(0, 90))), "some days")
    return EntryFilter(
        kind=draw(st.none() | st.sampled_from(KINDS)),
        tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
        goal_ids=draw(st.none() | st.frozensets(st.sampled_from(GOALS))),
        skill_id=draw(st.none() | st.sampled_from(SKILLS)),
        period=period,
        text=draw(words),
        starred=draw(st.booleans()),
        source=draw(st.none() | st.sampled_from(["ana", "PRIYA", "shah priya", "bob"])),
        sentiment=draw(st.none() | st.sampled_from(SENTIMENTS)),
    )


@settings(max_examples=100, deadline=None)
@given(entries(), filters(), st.none() | st.integers(0, 5))
def test_find_keeps_exactly_what_matches_keeps(
    found: list[Entry], flt: EntryFilter, limit: int | None
) -> None:
    kept = sorted((e for e in found if matches(e, flt)), key=newest_first, reverse=True)
    assert find(found, flt) == kept
    assert find(found, flt, limit=limit) == (kept if limit is None else kept[:limit])

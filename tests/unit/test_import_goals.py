"""Importing goals from a Markdown outline or a CSV: nesting, codes, dates, bad rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journal.errors import ImportFileError
from journal.importers.common import Summary, import_path
from journal.importers.goal_formats import parse_markdown, split_fields
from journal.importers.goals import guess_format, import_bytes
from journal.store.journal_store import JournalStore

DATA = Path(__file__).parents[1] / "data"


def goals_by_code(store: JournalStore) -> dict[str, dict[str, Any]]:
    return {g["code"]: g for g in store.goals.all()}


def parent_code(store: JournalStore, code: str) -> str | None:
    goals = goals_by_code(store)
    parent = goals[code]["parent"]
    return next(g["code"] for g in goals.values() if g["id"] == parent) if parent else None


def imp(store: JournalStore, text: str, name: str = "goals.md", **kw: Any) -> Summary:
    return import_bytes(store, text.encode(), name, **kw)


def test_markdown_outline_with_nesting_codes_dates_and_scopes(store: JournalStore) -> None:
    summary = import_path(store, DATA / "goals.md")
    assert (summary.imported, summary.updated, summary.unchanged) == (7, 0, 0)
    goals = goals_by_code(store)
    assert set(goals) == {
        "revenue",
        "enterprise",
        "renewals",
        "latency",
        "onboarding",
        "influence",
        "presenting",
    }
    assert goals["revenue"]["title"] == "Grow enterprise revenue"
    assert goals["revenue"]["due"] == "2026-12-31" and goals["revenue"]["parent"] is None
    assert parent_code(store, "enterprise") == "revenue"
    assert parent_code(store, "renewals") == "revenue"
    assert goals["enterprise"]["measure"] == "signed deals"
    assert goals["enterprise"]["target"] == "3"
    assert goals["enterprise"]["due"] == "2026-06-30"
    assert goals["renewals"]["title"] == "Renew every customer above $100k ARR"
    assert goals["latency"]["title"] == "Cut p95 latency of the checkout API by 30%"
    assert goals["latency"]["notes"] == "Baseline 840 ms in January."
    assert goals["onboarding"]["status"] == "done"  # a ticked checkbox
    assert goals["onboarding"]["due"] == "2026-06-30"  # "| due: 30 June 2026"
    assert goals["influence"]["scope"] == "personal"  # under a "Personal" heading
    assert goals["presenting"]["scope"] == "personal"
    assert parent_code(store, "presenting") == "influence"
    assert all(
        g["scope"] == "company" for c, g in goals.items() if c not in ("influence", "presenting")
    )


def test_markdown_variants(store: JournalStore) -> None:
    text = """\
Intro prose that is not a goal.

* **Bold goal** {code: bold; due: 2026-06-30}
    + Tab-ish child [code: child]
1. Numbered goal -- code: numbered, target: 99.9%
2. Fix the (checkout API) crash
- Due with a comma (due: June 30, 2026)
- Personal one (personal, supports: bold)
---
```
- not a goal, inside a code fence
```
"""
    imp(store, text)
    goals = goals_by_code(store)
    assert goals["bold"]["title"] == "Bold goal" and goals["bold"]["due"] == "2026-06-30"
    assert parent_code(store, "child") == "bold"
    assert goals["numbered"]["target"] == "99.9%"
    titles = {g["title"] for g in goals.values()}
    assert "Fix the (checkout API) crash" in titles
    assert not any("code fence" in t for t in titles)
    due = next(g for g in goals.values() if g["title"] == "Due with a comma")
    assert due["due"] == "2026-06-30"
    personal = next(g for g in goals.values() if g["title"] == "Personal one")
    assert personal["scope"] == "personal" and personal["supports"] == [goals["bold"]["id"]]
    assert len(goals) == 6


def test_personal_goal_nested_under_company_goal_is_woven_into_it(store: JournalStore) -> None:
    text = "- Revenue (code: revenue)\n  - Influence (code: influence, scope: personal)\n"
    imp(store, text)
    goals = goals_by_code(store)
    assert goals["influence"]["parent"] == goals["revenue"]["id"]
    assert goals["influence"]["supports"] == [goals["revenue"]["id"]]
    before = store.path.read_bytes()
    assert imp(store, text).unchanged == 2
    assert store.path.read_bytes() == before


def test_split_fields() -> None:
    assert split_fields("Grow (code: g, due: 2026-01-01)") == (
        "Grow",
        [("code", "g"), ("due", "2026-01-01")],
    )
    assert split_fields("Talk (to the team)") == ("Talk (to the team)", [])
    assert split_fields("Ship | owner: me") == ("Ship | owner: me", [])
    assert split_fields("A (code: a) [due: 2026-01-01]") == (
        "A",
        [("code", "a"), ("due", "2026-01-01")],
    )


def test_csv_with_nesting_parents_later_extra_columns_and_quotes(store: JournalStore) -> None:
    summary = import_path(store, DATA / "goals.csv")
    assert summary.imported == 4
    goals = goals_by_code(store)
    assert parent_code(store, "enterprise") == "revenue"  # parent defined on a later row
    assert goals["revenue"]["measure"] == "ARR" and goals["revenue"]["target"] == "+20%"
    assert goals["latency"]["title"] == "Cut p95 latency of the checkout API, by 30%"
    assert goals["onboarding"]["due"] is None and goals["onboarding"]["target"] == "< 4 hours"
    assert all("owner" not in g for g in goals.values())


def test_csv_header_variants_semicolons_bom_and_multiline_cells(store: JournalStore) -> None:
    text = (
        "\ufeffGoal;Code;Parent code;Due date;Scope;Notes\r\n"
        'Grow revenue;revenue;;31/12/2026;;"two\nlines"\r\n'
        "Speak up;speak;revenue;;Personal;\r\n"
    )
    imp(store, text, "sheet.csv")
    goals = goals_by_code(store)
    assert goals["revenue"]["due"] == "2026-12-31"
    assert goals["revenue"]["notes"] == "two\nlines"
    assert goals["speak"]["scope"] == "personal" and parent_code(store, "speak") == "revenue"


def test_csv_parent_may_be_an_existing_goal(goals_store: JournalStore) -> None:
    imp(goals_store, "title,code,parent\nClose Acme,acme,enterprise\n", "g.csv")
    assert parent_code(goals_store, "acme") == "enterprise"


def test_existing_codes_are_updated_not_duplicated(goals_store: JournalStore) -> None:
    store = goals_store
    store.entries.add("win", "Deal.", goals=["revenue"])
    revenue = store.goals.get("revenue")
    summary = imp(
        store,
        "title,code,due,measure\n"
        "Grow enterprise revenue by 20%,revenue,2026-12-31,\n"
        "Cut checkout latency,,2026-09-30,p95\n",
        "g.csv",
    )
    assert (summary.imported, summary.updated) == (0, 2)
    goals = goals_by_code(store)
    assert len(goals) == 4
    assert goals["revenue"]["id"] == revenue["id"]
    assert goals["revenue"]["title"] == "Grow enterprise revenue by 20%"
    assert goals["revenue"]["due"] == "2026-12-31"
    assert goals["latency"]["due"] == "2026-09-30"  # matched by its title (no code given)
    assert goals["latency"]["measure"] == "p95"
    assert goals["enterprise"]["parent"] == revenue["id"]  # an empty cell keeps the value
    assert store.entries.all()[0]["goals"] == [revenue["id"]]
    assert any(line.startswith("updated revenue: title") for line in summary.details)


def test_reimport_is_a_no_op(store: JournalStore) -> None:
    for name in ("goals.md", "goals.csv"):
        import_path(store, DATA / name)
        before = store.path.read_bytes()
        again = import_path(store, DATA / name)
        assert again.imported == again.updated == 0 and again.unchanged > 0
        assert store.path.read_bytes() == before


def test_dry_run_writes_nothing(goals_store: JournalStore) -> None:
    before = goals_store.path.read_bytes()
    summary = import_path(goals_store, DATA / "goals.md", dry_run=True)
    assert summary.dry_run
    assert (summary.imported, summary.updated, summary.unchanged) == (3, 3, 1)
    assert summary.headline() == (
        "Dry run: goals 3 added, 3 updated, 1 unchanged; nothing was written."
    )
    assert goals_store.path.read_bytes() == before
    assert len(goals_store.goals.all()) == 4


BAD_ROWS = [
    ("title,code\n,x\n", "line 2: no goal title"),
    ("title,code\nA,Not A Code\n", "line 2: code 'not a code' must be"),
    ("title,code\nA,a\nB,a\n", "line 3: code 'a' is already used on line 2"),
    ("title,due\nA,someday\n", 'line 2: due: cannot read "someday"'),
    ("title,due\nA,2026-02-30\n", "line 2: due:"),
    ("title,scope\nA,team\n", "line 2: unknown scope 'team'"),
    ("title,status\nA,paused\n", "line 2: unknown status 'paused'"),
    ("title,code,parent\nA,a,nope\n", "line 2: parent 'nope' is not a code"),
    ("title,code,parent\nA,a,b\nB,b,a\n", "line 2: its parents make a cycle (a -> b -> a)"),
    ("title,code,parent\nA,a,a\n", "line 2: a goal cannot be its own parent"),
    ("title,supports\nA,nope\n", "line 2: supports 'nope'"),
    ("title,code\nA,a\nB,b,extra\n", "line 3: 3 cells but the header has 2 columns"),
    ('title,code\n"A,a\n', "line 2: cannot read this CSV row"),
    ("code,due\nx,2026-01-01\n", "line 1: the header has no 'title' column"),
    ("title,goal\nA,B\n", "line 1: the header has the 'title' column twice"),
    ("- A (code: a, owner: me)\n", "line 1: unknown field 'owner'"),
    ("- (code: a)\n", "line 1: no goal title"),
    ("- A (code: a)\n  - B (parent: c)\n- C (code: c)\n", "line 2: parent 'c' differs"),
]


@pytest.mark.parametrize(("text", "message"), BAD_ROWS)
def test_each_kind_of_bad_row_is_reported_and_nothing_written(
    goals_store: JournalStore, text: str, message: str
) -> None:
    before = goals_store.path.read_bytes()
    name = "goals.md" if text.startswith("-") else "goals.csv"
    with pytest.raises(ImportFileError) as err:
        imp(goals_store, text, name)
    assert message in str(err.value)
    assert goals_store.path.read_bytes() == before


def test_all_bad_rows_are_reported_at_once_in_line_order(store: JournalStore) -> None:
    text = "title,code,due\n,a,\nB,b,never\nC,c,\nD,BAD CODE,\n"
    with pytest.raises(ImportFileError) as err:
        imp(store, text, "g.csv")
    lines = [line.strip() for line in str(err.value).splitlines()[1:]]
    assert [line.split(":")[0] for line in lines] == ["line 2", "line 3", "line 5"]
    assert not store.path.exists()


def test_a_cycle_through_existing_goals_is_refused(goals_store: JournalStore) -> None:
    before = goals_store.path.read_bytes()
    with pytest.raises(ImportFileError, match="cycle"):
        imp(goals_store, "title,code,parent\nGrow enterprise revenue,revenue,enterprise\n", "g.csv")
    assert goals_store.path.read_bytes() == before


def test_supports_must_name_a_company_goal(goals_store: JournalStore) -> None:
    with pytest.raises(ImportFileError, match="only company goals can be supported"):
        imp(goals_store, "title,scope,supports\nMine,personal,influence\n", "g.csv")


def test_empty_and_undecodable_files(store: JournalStore) -> None:
    with pytest.raises(ImportFileError, match="no goals found"):
        imp(store, "# Just a heading\n\nSome prose.\n")
    with pytest.raises(ImportFileError, match="not UTF-8 text \\(bad byte on line 2\\)"):
        import_bytes(store, b"- ok\n- caf\xe9\n", "g.md")


def test_guess_format() -> None:
    assert guess_format("title,code\n", "goals") == "csv"
    assert guess_format("- Goal, with comma\n", "goals") == "md"
    assert guess_format("Goal;Code\n", "x.txt") == "md"
    assert guess_format("anything", "x.CSV") == "csv"
    assert guess_format("Plain line\n", "stdin") == "md"


def test_markdown_indentation_dedent_to_an_unseen_level() -> None:
    rows, problems = parse_markdown("- A\n    - B\n  - C\n- D\n")
    assert problems == []
    parents = {
        r.values["title"]: r.nest_parent.values["title"] if r.nest_parent else None for r in rows
    }
    assert parents == {"A": None, "B": "A", "C": "A", "D": None}

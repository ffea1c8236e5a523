"""Pilot tests for the Goals screen: real key presses against a temporary journal."""

from __future__ import annotations

import json
from contextlib import AbstractAsyncContextManager

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets.tree import TreeNode

from journal.goals import goal_family
from journal.store.journal_store import JournalStore
from screens.app import JournalApp
from screens.dialogs import Confirm, Picker
from screens.goal_form import GoalForm
from screens.goal_views import goal_views
from screens.goals import GoalsScreen
from screens.messages import ShowGoal
from tests.tui.helpers import DEMO_NOW, app_on_screen, settle, wait_for

SIZE = (100, 30)


def goals_app(store: JournalStore) -> AbstractAsyncContextManager[tuple[JournalApp, Pilot[None]]]:
    """The real app on `store` with a fixed clock, switched to the goals screen with `g`."""
    return app_on_screen(store, "g", GoalsScreen, DEMO_NOW, SIZE)


def nodes(app: App[None]) -> list[TreeNode[str]]:
    """Every node of the goal tree in display order."""
    found: list[TreeNode[str]] = []

    def walk(node: TreeNode[str]) -> None:
        for child in node.children:
            found.append(child)
            walk(child)

    walk(goals_screen(app).goals_tree.root)
    return found


def goals_screen(app: App[None]) -> GoalsScreen:
    """The goals screen, also while a dialog is open over it."""
    return next(s for s in app.screen_stack if isinstance(s, GoalsScreen))


def labels(app: App[None]) -> dict[str, list[str]]:
    """Goal id -> the plain text of each row showing it."""
    out: dict[str, list[str]] = {}
    for node in nodes(app):
        assert node.data is not None
        out.setdefault(node.data, []).append(node.label.plain)
    return out


def notices(app: App[None]) -> list[str]:
    return [n.message for n in app._notifications]


async def select(pilot: Pilot[None], goal_id: str) -> None:
    """Move the tree cursor to the first row of a goal with real arrow keys."""
    app = pilot.app
    screen = goals_screen(app)
    tree = screen.goals_tree
    tree.focus()
    await pilot.press("home")
    for _ in range(len(nodes(app))):
        node = tree.cursor_node
        if node is not None and node.data == goal_id:
            return
        await pilot.press("down")
    raise AssertionError(f"{goal_id} not in the tree")


def detail_text(app: App[None]) -> str:
    detail: Static = goals_screen(app).detail
    return str(detail.render())


async def test_create_company_goal_then_personal_goal_under_it(store: JournalStore) -> None:
    async with goals_app(store) as (app, pilot):
        await pilot.press("a")
        assert isinstance(app.screen, GoalForm)
        await pilot.press(*"Grow revenue", "tab", *"revenue", "ctrl+s")
        await settle(pilot)
        revenue = store.goals.get("revenue")
        assert (revenue["title"], revenue["scope"]) == ("Grow revenue", "company")
        assert goals_screen(app).selected is not None
        assert goals_screen(app).selected.id == revenue["id"]  # type: ignore[union-attr]

        await pilot.press("p")
        assert isinstance(app.screen, GoalForm)
        await pilot.press(*"Speak up in reviews", "enter")
        await settle(pilot)
        personal = store.goals.get("speak-up-in-reviews")
        assert personal["scope"] == "personal"
        assert personal["supports"] == [revenue["id"]]
        rows = nodes(app)
        parent_of = {n.data: n.parent.data for n in rows if n.parent is not None}
        assert parent_of[personal["id"]] == revenue["id"]

        await select(pilot, personal["id"])  # p on a personal goal hangs the new one under it
        await pilot.press("p", *"Ask first", "enter")
        await settle(pilot)
        assert store.goals.get("ask-first")["parent"] == personal["id"]


async def test_personal_goal_shows_under_each_goal_it_supports(goals_store: JournalStore) -> None:
    goals_store.goals.update("influence", supports=["revenue", "latency"])
    async with goals_app(goals_store) as (app, pilot):
        influence = goals_store.goals.get("influence")["id"]
        under = sorted(
            n.parent.data for n in nodes(app) if n.data == influence and n.parent and n.parent.data
        )
        expected = [goals_store.goals.get("revenue")["id"], goals_store.goals.get("latency")["id"]]
        assert under == sorted(expected)


async def test_edit_goal_with_due_date_in_words(goals_store: JournalStore) -> None:
    async with goals_app(goals_store) as (app, pilot):
        await select(pilot, goals_store.goals.get("latency")["id"])
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, GoalForm)
        await pilot.press("ctrl+u", *"p95 < 300ms")
        form.measure_input.focus()
        await pilot.press(*"p95", "tab", *"300ms", "tab", *"30 June")  # the year from the clock
        await pilot.pause()
        assert "30 Jun 2026" in str(form.due_hint.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        goal = goals_store.goals.get("latency")
        assert goal["title"] == "p95 < 300ms"
        assert (goal["measure"], goal["target"], goal["due"]) == ("p95", "300ms", "2026-06-30")
        assert "30 Jun 2026" in detail_text(app)


async def test_unreadable_due_date_is_refused_and_escape_writes_nothing(
    goals_store: JournalStore,
) -> None:
    before = goals_store.path.read_bytes()
    async with goals_app(goals_store) as (app, pilot):
        await select(pilot, goals_store.goals.get("latency")["id"])
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, GoalForm)
        form.due_input.focus()
        await pilot.press(*"someday")
        await pilot.pause()
        assert "not a date" in str(form.due_hint.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still open, nothing saved
        assert "cannot read" in str(form.error.render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
    assert goals_store.path.read_bytes() == before


async def test_reparent_refuses_a_cycle_and_moves_otherwise(goals_store: JournalStore) -> None:
    revenue, enterprise, latency = (
        goals_store.goals.get(c)["id"] for c in ("revenue", "enterprise", "latency")
    )
    async with goals_app(goals_store) as (app, pilot):

        async def move(goal_id: str, new_parent: str) -> None:
            await select(pilot, goal_id)
            await pilot.press("m")
            picker = app.screen
            assert isinstance(picker, Picker)
            assert goal_id not in picker.choices  # a goal cannot be its own parent
            await pilot.press("home", *["down"] * picker.choices.index(new_parent), "enter")
            await settle(pilot)

        await move(revenue, enterprise)  # enterprise sits under revenue: a cycle
        assert goals_store.goals.get("revenue")["parent"] is None
        assert any("cycle" in n for n in notices(app))
        assert isinstance(app.screen, GoalsScreen)

        await move(enterprise, latency)
        assert goals_store.goals.get("enterprise")["parent"] == latency
        parent_of = {n.data: n.parent.data for n in nodes(app) if n.parent is not None}
        assert parent_of[enterprise] == latency

        await move(enterprise, "")  # the first choice: top level
        assert goals_store.goals.get("enterprise")["parent"] is None


async def test_delete_asks_with_the_link_count(goals_store: JournalStore) -> None:
    for text in ("Shaved 40 ms", "Cache warmed", "Unrelated"):
        goals_store.entries.add("win", text, goals=["latency"] if text != "Unrelated" else [])
    latency = goals_store.goals.get("latency")["id"]
    async with goals_app(goals_store) as (app, pilot):
        await select(pilot, latency)
        await pilot.press("d")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, Confirm)
        assert "2 entry links will be dropped" in confirm.question.plain
        await pilot.press("n")
        await settle(pilot)
        assert goals_store.goals.get("latency")

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert all(g["id"] != latency for g in goals_store.goals.all())
        assert len(goals_store.entries.all()) == 3
        assert all(latency not in e["goals"] for e in goals_store.entries.all())
        assert any("2 entry links dropped" in n for n in notices(app))
        assert latency not in labels(app)


async def test_evidence_count_latest_date_and_stale_mark(goals_store: JournalStore) -> None:
    s = goals_store
    s.goals.add("Old finished goal", code="finished", status="done")
    s.entries.add("win", "Signed Acme", when="2026-03-01 10:00", goals=["enterprise"])
    s.entries.add("win", "Demo to Globex", when="2026-02-10 10:00", goals=["revenue"])
    s.entries.add("reflection", "Helped sales", when="2026-01-20 10:00", goals=["influence"])
    s.entries.add("win", "Cut p95", when="2025-12-01 10:00", goals=["latency"])
    async with goals_app(s) as (app, pilot):
        rows = {
            s.goals.get(code)["code"]: labels(app)[s.goals.get(code)["id"]][0]
            for code in ("revenue", "enterprise", "latency", "influence", "finished")
        }
        # revenue counts its sub-goal's and its personal goal's evidence too
        assert "Grow enterprise revenue  revenue (3 · 1 Mar 2026)" in rows["revenue"]
        assert "stale" not in rows["revenue"]
        assert "(1 · 1 Mar 2026)" in rows["enterprise"]
        assert "(1 · 20 Jan 2026)" in rows["influence"] and "stale" not in rows["influence"]
        # 1 Dec 2025 is 104 days before the fixed clock's 15 Mar 2026
        assert "latency  latency (1 · 1 Dec 2025) ⚠ stale" in rows["latency"]
        assert "(0)" in rows["finished"] and "stale" not in rows["finished"]

    # the screen and `journal goal list` agree on every count and date
    def by_family(goal_id: str) -> tuple[int, str | None]:  # the slow, obvious way
        family = goal_family(goal_id, s.goals.all())
        hits = [e["when"][:10] for e in s.raw_entries() if not family.isdisjoint(e["goals"])]
        return len(hits), max(hits, default=None)

    cli = {g["id"]: by_family(g["id"]) for g in s.goals.all()}
    views = goal_views(s.goals.all(), s.raw_entries(), DEMO_NOW)
    assert {v.id: (v.count, v.latest) for v in views} == cli


async def test_evidence_exactly_60_days_old_is_not_stale(store: JournalStore) -> None:
    store.goals.add("Edge", code="edge")
    store.goals.add("Past edge", code="past")
    store.entries.add("win", "On the edge", when="2026-01-14 10:00", goals=["edge"])
    store.entries.add("win", "Past the edge", when="2026-01-13 10:00", goals=["past"])
    views = {
        v.goal["code"]: v for v in goal_views(store.goals.all(), store.raw_entries(), DEMO_NOW)
    }
    assert not views["edge"].stale
    assert views["past"].stale


async def test_markup_and_control_characters_show_literally(store: JournalStore) -> None:
    store.goals.add("[/] [bold red]x\x1b[31m", code="weird", notes="[link=x]notes[/link]\x07")
    async with goals_app(store) as (app, pilot):
        await select(pilot, store.goals.get("weird")["id"])
        row = labels(app)[store.goals.get("weird")["id"]][0]
        assert "[/] [bold red]x␛[31m" in row
        detail = detail_text(app)
        assert "[/] [bold red]x␛[31m" in detail
        assert "[link=x]notes[/link]␇" in detail
        await pilot.press("e")  # the form shows the title literally too
        form = app.screen
        assert isinstance(form, GoalForm)
        assert form.title_input.value == "[/] [bold red]x\x1b[31m"
        await pilot.press("escape")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "[/] [bold red]x␛[31m" in app.screen.question.plain


async def test_counts_follow_writes_from_elsewhere(goals_store: JournalStore) -> None:
    """Another process tags an entry: the app's poll tells the screen, which recounts."""
    other = JournalStore(goals_store.path)
    revenue = goals_store.goals.get("revenue")["id"]
    async with goals_app(goals_store) as (app, pilot):
        assert "revenue (0) ⚠ no evidence" in labels(app)[revenue][0]
        other.entries.add("win", "Signed Acme", when="2026-03-14 09:00", goals=["enterprise"])
        await wait_for(pilot, lambda: "(1 · 14 Mar 2026)" in labels(app)[revenue][0])
        await pilot.press("j")  # and again when the screen comes back into view
        await settle(pilot)
        other.entries.add("win", "Demo to Globex", when="2026-03-15 09:00", goals=["revenue"])
        await pilot.press("g")
        await wait_for(pilot, lambda: "(2 · 15 Mar 2026)" in labels(app)[revenue][0])
    other.close()


async def test_show_goal_selects_it(goals_store: JournalStore) -> None:
    latency = goals_store.goals.get("latency")["id"]
    async with goals_app(goals_store) as (app, pilot):
        await pilot.press("j")
        await settle(pilot)
        app.post_message(ShowGoal(latency))  # what the command palette sends
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, GoalsScreen)
                and goals_screen(app).selected is not None
                and goals_screen(app).selected.id == latency
            ),
        )  # type: ignore[union-attr]
        assert "Cut checkout latency" in detail_text(app)


async def test_empty_journal_says_how_to_start(store: JournalStore) -> None:
    async with goals_app(store) as (app, pilot):
        assert "No goals yet" in detail_text(app)
        await pilot.press("e")  # nothing selected: a hint, no crash
        assert any("Select a goal first" in n for n in notices(app))


async def test_collapsed_goal_stays_collapsed_and_a_hand_made_cycle_still_shows(
    goals_store: JournalStore,
) -> None:
    revenue = goals_store.goals.get("revenue")["id"]
    async with goals_app(goals_store) as (app, pilot):
        await select(pilot, revenue)
        await pilot.press("space")  # collapse revenue
        await settle(pilot)
        ids = {g["code"]: g["id"] for g in goals_store.goals.all()}
        doc = json.loads(goals_store.path.read_text())  # a cycle no store call would write
        for record in doc["goals"].values():
            if record["code"] == "latency":
                record["parent"] = ids["influence"]
            if record["code"] == "influence":
                record["parent"], record["supports"] = ids["latency"], []
        goals_store.path.write_text(json.dumps(doc))
        await wait_for(
            pilot,
            lambda: any(
                n.data == ids["influence"]
                and n.parent is not None
                and n.parent.data == ids["latency"]
                for n in nodes(app)
            ),
        )
        rows = labels(app)
        assert set(rows) == {g["id"] for g in goals_store.goals.all()}  # every goal still shows
        revenue_node = next(n for n in nodes(app) if n.data == revenue)
        assert not revenue_node.is_expanded

"""The demo journal and the benchmark generator: realistic, complete and repeatable."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from journal.demo.cast import STALE_GOAL
from journal.demo.year import build_demo, demo_store
from journal.goals import goal_family
from journal.store.journal_store import JournalStore
from tests.bench.generate import generate_journal

NOW = datetime(2026, 6, 30, 17, 0, tzinfo=timezone(timedelta(hours=2)))


def fresh(tmp: Path, name: str = "demo.json", **kwargs: object) -> JournalStore:
    store = JournalStore(tmp / name)
    build_demo(store, now=NOW, **kwargs)  # type: ignore[arg-type]
    return store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> JournalStore:
    return fresh(tmp_path_factory.mktemp("demo"))


def test_counts_and_every_kind(demo: JournalStore) -> None:
    entries = demo.entries.all()
    assert 230 <= len(entries) <= 290
    kinds = Counter(e["kind"] for e in entries)
    assert set(kinds) == {"feedback", "reflection", "win", "note", "checkin"}
    assert min(n for kind, n in kinds.items() if kind != "checkin") >= 25
    assert 10 <= kinds["checkin"] <= 40
    goals = demo.goals.all()
    assert Counter(g["scope"] for g in goals) == {"company": 6, "personal": 4}
    assert len(demo.skills.all()) == 4
    assert 10 <= sum(e["starred"] for e in entries) <= 80
    assert all(e["tags"] and e["tags"] == [t.lower() for t in e["tags"]] for e in entries)
    assert sum(bool(e["goals"]) for e in entries) > len(entries) * 0.6
    assert sum(bool(e["skills"]) for e in entries) >= 20


def test_a_year_ending_now_in_time_order(demo: JournalStore) -> None:
    entries = sorted(demo.entries.all(), key=lambda e: int(e["id"][1:]))
    whens = [datetime.fromisoformat(e["when"]) for e in entries]
    assert whens == sorted(whens), "ids follow time"
    assert NOW - timedelta(days=366) <= whens[0] and whens[-1] <= NOW
    assert whens[-1] >= NOW - timedelta(days=7), "the journal is current"
    assert len({w.strftime("%Y-%m") for w in whens}) >= 12


def test_feedback_has_named_sources_and_every_sentiment(demo: JournalStore) -> None:
    feedback = [e for e in demo.entries.all() if e["kind"] == "feedback"]
    sources = {e["source"] for e in feedback}
    assert {"Priya (manager)", "Ana (peer)", "Tom"} <= sources
    assert any("VP" in s for s in sources)
    assert {e["sentiment"] for e in feedback} == {"praise", "constructive", "mixed"}
    others = [e for e in demo.entries.all() if e["kind"] != "feedback"]
    assert all(e["source"] is None and e["sentiment"] is None for e in others)


def test_text_reads_like_a_person_with_some_markdown(demo: JournalStore) -> None:
    entries = demo.entries.all()
    assert len({e["title"] for e in entries}) >= 100, "titles are varied"
    assert sum(bool(e["body"]) for e in entries) > len(entries) * 0.7
    assert any("**" in e["body"] for e in entries)
    assert any("\n- " in e["body"] or "\n1. " in e["body"] for e in entries)
    assert not any("{" in e["title"] + e["body"] for e in entries), "no unfilled template slot"
    assert not any("lorem" in e["body"].lower() for e in entries)


def test_personal_goals_are_woven_into_company_goals(demo: JournalStore) -> None:
    goals = {g["id"]: g for g in demo.goals.all()}
    by_code = {g["code"]: g for g in goals.values()}
    for goal in goals.values():
        if goal["scope"] == "personal":
            anchors = [goal["parent"], *goal["supports"]]
            assert any(a and goals[a]["scope"] == "company" for a in anchors), goal["code"]
            assert goal["measure"] and goal["target"] and goal["due"]
    revenue = goal_family(by_code["revenue"]["id"], goals.values())
    assert {by_code["enterprise-deals"]["id"], by_code["influence"]["id"]} <= revenue
    assert by_code["enterprise-deals"]["parent"] == by_code["revenue"]["id"]


def test_skills_grow_from_constructive_feedback(demo: JournalStore) -> None:
    skills = demo.skills.all()
    assert all(1 <= s["level"] < s["target_level"] <= 5 and s["plan"] for s in skills)
    sources = [demo.entries.get(i) for s in skills for i in s["why"]]
    assert any(e["kind"] == "feedback" and e["sentiment"] == "constructive" for e in sources)
    storytelling = demo.skills.get("storytelling")
    origin = demo.entries.get(storytelling["why"][0])
    assert origin["source"] == "Priya (manager)" and "customer problem" in origin["title"]
    practice = [e for e in demo.entries.all() if storytelling["id"] in e["skills"]]
    assert practice and all(e["when"] > origin["when"] for e in practice)


def test_one_company_goal_has_gone_quiet(demo: JournalStore) -> None:
    goals = demo.goals.all()
    recent = (NOW - timedelta(days=90)).date().isoformat()
    latest: dict[str, str] = {}
    for goal in (g for g in goals if g["scope"] == "company"):
        family = goal_family(goal["id"], goals)
        hits = [e["when"][:10] for e in demo.entries.all() if not family.isdisjoint(e["goals"])]
        assert hits, f"{goal['code']} has evidence"
        latest[goal["code"]] = max(hits)
    stale = {code for code, day in latest.items() if day < recent}
    assert stale == {STALE_GOAL}


def test_same_now_and_seed_give_the_same_journal(tmp_path: Path) -> None:
    first, second = fresh(tmp_path, "a.json"), fresh(tmp_path, "b.json")
    assert first.path.read_bytes() == second.path.read_bytes()
    other = fresh(tmp_path, "c.json", seed=8)
    assert [e["title"] for e in other.entries.all()] != [e["title"] for e in first.entries.all()]


def test_build_demo_refuses_a_journal_with_data(store: JournalStore) -> None:
    store.entries.add("note", "Mine, not the demo's.")
    before = store.path.read_bytes()
    with pytest.raises(ValueError, match="empty journal"):
        build_demo(store, now=NOW)
    assert store.path.read_bytes() == before


def test_demo_store_is_a_private_throwaway(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    store = demo_store()
    try:
        assert store.path.parent.parent == tmp_path
        assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
        assert len(store.entries.all()) >= 230
    finally:
        shutil.rmtree(store.path.parent)


def test_journal_demo_leaves_no_folder_behind(tmp_path: Path) -> None:
    code = "from journal.demo.year import demo_store; print(demo_store().path.parent)"
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == tmp_path
    assert not Path(result.stdout.strip()).exists()


def test_generate_journal_is_repeatable_and_realistic(tmp_path: Path) -> None:
    generate_journal(tmp_path / "a.json", 300)
    generate_journal(tmp_path / "b.json", 300)
    raw = (tmp_path / "a.json").read_bytes()
    assert raw == (tmp_path / "b.json").read_bytes()
    doc = orjson.loads(raw)
    entries = list(doc["entries"].values())
    assert len(entries) == 300 and len(doc["goals"]) == 12
    words = sum(len(e["body"].split()) for e in entries) / len(entries)
    assert 70 <= words <= 95
    linked = sum(bool(e["goals"]) for e in entries) / len(entries)
    assert 0.5 <= linked <= 0.7
    assert len({t for e in entries for t in e["tags"]}) >= 35
    assert {e["kind"] for e in entries} == {"feedback", "reflection", "win", "note"}
    assert all(e["source"] for e in entries if e["kind"] == "feedback")
    spread = [e["when"][:4] for e in entries]
    assert len(set(spread)) >= 3
    store = JournalStore(tmp_path / "a.json")
    revenue = goal_family(store.goals.get("revenue")["id"], store.goals.all())
    assert any(store.goals.get(g)["scope"] == "personal" for g in revenue)


def test_generate_journal_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("precious")
    with pytest.raises(FileExistsError):
        generate_journal(target, 10)
    assert target.read_text() == "precious"


def test_goal_progress_shows_every_status(demo: JournalStore) -> None:
    from journal.demo.progress import METRICS
    from journal.progress import STATUSES, checkins_by_goal, progress

    found = checkins_by_goal(demo.entries.all())
    status = {g["code"]: progress(g, found.get(g["id"], []), NOW).status for g in demo.goals.all()}
    assert set(status.values()) == set(STATUSES)
    assert {code: status[code] for code in METRICS} == {c: m[4] for c, m in METRICS.items()}
    checkins = [e for e in demo.entries.all() if e["kind"] == "checkin"]
    assert all(len(e["goals"]) == 1 and e["body"] for e in checkins)

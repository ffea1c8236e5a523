from journal.goals import goal_family
from journal.periods import parse_period
from journal.query import EntryFilter, find
from journal.store.journal_store import JournalStore


def titles(found: list[dict]) -> list[str]:
    return [e["title"] for e in found]


def test_goal_family_rolls_up_sub_goals_and_personal_goals(goals_store: JournalStore) -> None:
    ids = {g["code"]: g["id"] for g in goals_store.goals.all()}
    family = goal_family(ids["revenue"], goals_store.goals.all())
    assert family == {ids["revenue"], ids["enterprise"], ids["influence"]}
    assert goal_family(ids["latency"], goals_store.goals.all()) == {ids["latency"]}


def test_filters_combine(goals_store: JournalStore) -> None:
    s = goals_store
    s.entries.add(
        "win",
        "Acme renewed",
        when="2026-04-29 18:05",
        goals=["enterprise"],
        tags=["customer"],
        starred=True,
    )
    s.entries.add("reflection", "Spoke up in the planning", when="2026-05-02", goals=["influence"])
    s.entries.add(
        "feedback",
        "Great pool work",
        when="2026-03-02",
        goals=["latency"],
        source="Ana",
        sentiment="praise",
        tags=["peer"],
    )
    s.entries.add("note", "Lunch with the team about CUSTOMER onboarding", when="2026-07-01")
    family = goal_family(s.goals.get("revenue")["id"], s.goals.all())
    entries = s.entries.all()
    assert titles(find(entries, EntryFilter(goal_ids=family))) == [
        "Spoke up in the planning",
        "Acme renewed",
    ]
    assert titles(find(entries, EntryFilter(kind="feedback"))) == ["Great pool work"]
    assert titles(find(entries, EntryFilter(tags=("peer",)))) == ["Great pool work"]
    assert titles(find(entries, EntryFilter(starred=True))) == ["Acme renewed"]
    assert titles(find(entries, EntryFilter(text="customer"))) == [  # tags are searched too
        "Lunch with the team about CUSTOMER onboarding",
        "Acme renewed",
    ]
    period = parse_period("2026-03-02..2026-04-29")
    assert titles(find(entries, EntryFilter(period=period))) == ["Acme renewed", "Great pool work"]
    assert len(find(entries, EntryFilter(), limit=2)) == 2


def test_text_search_covers_body(store: JournalStore) -> None:
    store.entries.add("note", "Title\nThe body mentions Kubernetes")
    assert titles(find(store.entries.all(), EntryFilter(text="kubernetes"))) == ["Title"]


def test_skill_filter(store: JournalStore) -> None:
    skill = store.skills.add("Presenting", code="presenting")
    store.entries.add("reflection", "VP talk", skills=["presenting"])
    store.entries.add("note", "other")
    assert titles(find(store.entries.all(), EntryFilter(skill_id=skill["id"]))) == ["VP talk"]


def test_search_matches_all_words_in_any_order_across_fields(store: JournalStore) -> None:
    store.entries.add(
        "feedback",
        "Great demo\nThe pool fix landed",
        source="Ana Lopez",
        sentiment="praise",
        tags=["latency"],
    )
    store.entries.add("note", "Demo prep for Friday")
    entries = store.entries.all()
    assert titles(find(entries, EntryFilter(text="fix great"))) == ["Great demo"]
    assert titles(find(entries, EntryFilter(text="lopez DEMO"))) == ["Great demo"]
    assert titles(find(entries, EntryFilter(text="latency demo"))) == ["Great demo"]
    assert titles(find(entries, EntryFilter(text="demo friday"))) == ["Demo prep for Friday"]
    assert find(entries, EntryFilter(text="demo nowhere")) == []


def test_source_and_sentiment_filters(store: JournalStore) -> None:
    store.entries.add("feedback", "Praise from Ana", source="Ana Lopez", sentiment="praise")
    store.entries.add("feedback", "Push from Ana", source="ana", sentiment="constructive")
    store.entries.add("feedback", "From Bo", source="Bo", sentiment="praise")
    store.entries.add("note", "A note")
    entries = store.entries.all()
    assert sorted(titles(find(entries, EntryFilter(source="ANA")))) == [
        "Praise from Ana",
        "Push from Ana",
    ]
    assert sorted(titles(find(entries, EntryFilter(sentiment="praise")))) == [
        "From Bo",
        "Praise from Ana",
    ]
    both = EntryFilter(source="ana", sentiment="constructive")
    assert titles(find(entries, both)) == ["Push from Ana"]


def test_matches_agrees_with_find(store: JournalStore) -> None:
    from journal.query import matches

    store.entries.add("feedback", "Great demo\nfix", source="Ana", sentiment="praise", tags=["x"])
    store.entries.add("win", "Other", tags=["x"], starred=True)
    entries = store.entries.all()
    for flt in (
        EntryFilter(text="fix demo"),
        EntryFilter(source="ana"),
        EntryFilter(sentiment="praise"),
        EntryFilter(tags=("x",), starred=True),
        EntryFilter(kind="win"),
    ):
        assert [e["id"] for e in entries if matches(e, flt)] == sorted(
            e["id"] for e in find(entries, flt)
        )


def test_same_time_entries_are_newest_first_by_id() -> None:
    from journal.query import newest_first

    when = "2026-03-04T09:00:00+01:00"
    entries = [
        {
            "id": f"e{n}",
            "when": when,
            "kind": "note",
            "title": "",
            "body": "",
            "tags": [],
            "goals": [],
            "skills": [],
        }
        for n in (9, 10, 2, 11)
    ]
    assert [e["id"] for e in find(entries, EntryFilter())] == ["e11", "e10", "e9", "e2"]
    assert [e["id"] for e in find(entries, EntryFilter(), limit=2)] == ["e11", "e10"]
    assert [e["id"] for e in sorted(entries, key=newest_first, reverse=True)][:1] == ["e11"]

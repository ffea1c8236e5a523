from journal.dates import parse_period
from journal.query import EntryFilter, find, goal_family
from journal.store import JournalStore


def titles(found: list[dict]) -> list[str]:
    return [e["title"] for e in found]


def test_goal_family_rolls_up_sub_goals_and_personal_goals(goals_store: JournalStore) -> None:
    ids = {g["code"]: g["id"] for g in goals_store.goals()}
    family = goal_family(ids["revenue"], goals_store.goals())
    assert family == {ids["revenue"], ids["enterprise"], ids["influence"]}
    assert goal_family(ids["latency"], goals_store.goals()) == {ids["latency"]}


def test_filters_combine(goals_store: JournalStore) -> None:
    s = goals_store
    s.add_entry(
        "win",
        "Acme renewed",
        when="2026-04-29 18:05",
        goals=["enterprise"],
        tags=["customer"],
        starred=True,
    )
    s.add_entry("reflection", "Spoke up in the planning", when="2026-05-02", goals=["influence"])
    s.add_entry(
        "feedback",
        "Great pool work",
        when="2026-03-02",
        goals=["latency"],
        source="Ana",
        sentiment="praise",
        tags=["peer"],
    )
    s.add_entry("note", "Lunch with the team about CUSTOMER onboarding", when="2026-07-01")
    family = goal_family(s.goal("revenue")["id"], s.goals())
    entries = s.entries()
    assert titles(find(entries, EntryFilter(goal_ids=family))) == [
        "Spoke up in the planning",
        "Acme renewed",
    ]
    assert titles(find(entries, EntryFilter(kind="feedback"))) == ["Great pool work"]
    assert titles(find(entries, EntryFilter(tags=("peer",)))) == ["Great pool work"]
    assert titles(find(entries, EntryFilter(starred=True))) == ["Acme renewed"]
    assert titles(find(entries, EntryFilter(text="customer"))) == [
        "Lunch with the team about CUSTOMER onboarding"
    ]
    period = parse_period("2026-03-02..2026-04-29")
    assert titles(find(entries, EntryFilter(period=period))) == ["Acme renewed", "Great pool work"]
    assert len(find(entries, EntryFilter(), limit=2)) == 2


def test_text_search_covers_body(store: JournalStore) -> None:
    store.add_entry("note", "Title\nThe body mentions Kubernetes")
    assert titles(find(store.entries(), EntryFilter(text="kubernetes"))) == ["Title"]


def test_skill_filter(store: JournalStore) -> None:
    skill = store.add_skill("Presenting", code="presenting")
    store.add_entry("reflection", "VP talk", skills=["presenting"])
    store.add_entry("note", "other")
    assert titles(find(store.entries(), EntryFilter(skill_id=skill["id"]))) == ["VP talk"]


def test_same_time_entries_are_newest_first_by_id() -> None:
    from journal.query import newest_first

    when = "2026-03-04T09:00:00+01:00"
    entries = [{"id": f"e{n}", "when": when, "kind": "note", "title": "", "body": "",
                "tags": [], "goals": [], "skills": []} for n in (9, 10, 2, 11)]
    assert [e["id"] for e in find(entries, EntryFilter())] == ["e11", "e10", "e9", "e2"]
    assert [e["id"] for e in find(entries, EntryFilter(), limit=2)] == ["e11", "e10"]
    assert [e["id"] for e in sorted(entries, key=newest_first, reverse=True)][:1] == ["e11"]

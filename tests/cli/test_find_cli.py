"""Finding things: --search words, --from, --sentiment, #tags, empty results, missing --db."""

import json
from pathlib import Path

from tests.cli.conftest import Run


def ids(journal: Run, *args: str) -> list[str]:
    done = journal("list", *args, "--json")
    assert done.returncode == 0, done.stderr
    return [e["title"] for e in json.loads(done.stdout)]


def test_search_words_from_and_sentiment(journal: Run) -> None:
    for args in (
        (
            "feedback",
            "Great demo. The pool fix landed",
            "--from",
            "Ana Lopez",
            "--sentiment",
            "praise",
            "--tag",
            "latency",
        ),
        ("feedback", "Slow reviews", "--from", "Bo", "--sentiment", "constructive"),
        ("note", "Demo prep for Friday"),
    ):
        assert journal("add", *args).returncode == 0
    assert ids(journal, "--search", "fix great") == ["Great demo."]
    assert ids(journal, "--search", "LOPEZ latency") == ["Great demo."]
    assert ids(journal, "--from", "ana") == ["Great demo."]
    assert ids(journal, "--sentiment", "constructive") == ["Slow reviews"]
    bad = journal("list", "--sentiment", "meh")
    assert bad.returncode == 2 and "sentiment" in bad.stderr


def test_hashtags_in_text_become_tags(journal: Run) -> None:
    done = journal("add", "win", "Shipped it with #Ana. See #api-design", "--tag", "q1")
    assert done.returncode == 0, done.stderr
    [entry] = json.loads(journal("list", "--json").stdout)
    assert entry["tags"] == ["q1", "ana", "api-design"]
    assert ids(journal, "--tag", "api-design") == ["Shipped it with #Ana."]


def test_empty_result_says_so_on_stderr(journal: Run) -> None:
    assert journal("add", "note", "one").returncode == 0
    done = journal("list", "--search", "nothing-like-this")
    assert done.returncode == 0 and done.stdout == ""
    assert "no entries match" in done.stderr
    as_json = journal("list", "--search", "nothing-like-this", "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []


def test_a_db_that_does_not_exist_is_an_error_for_read_commands(
    journal: Run, tmp_path: Path
) -> None:
    missing = tmp_path / "typo" / "journal.json"
    for args in (["list"], ["show", "e1"], ["export", "--format", "json"], ["undo"]):
        done = journal(*args, "--db", str(missing))
        assert done.returncode == 1, (args, done.stderr)
        assert f"no journal at {missing}" in done.stderr
    assert not missing.parent.exists()

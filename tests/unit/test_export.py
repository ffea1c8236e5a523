"""Exports: golden files per format, escaping of user text, the Markdown's structure.

Regenerate the goldens after a deliberate change with `UPDATE_GOLDEN=1 pytest tests/unit`.
"""

from __future__ import annotations

import html.parser
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal.export.assessment import format_for, md_escape, render, to_data
from journal.export.outfile import write_private
from journal.review.assess import assess_store
from journal.review.assessment import Assessment
from journal.store.journal_store import JournalStore
from tests.unit.golden.sample import H1, TODAY, build_sample, sample_review

GOLDEN = Path(__file__).parent / "golden"
MD = MarkdownIt("commonmark", {"html": False})


@pytest.fixture
def reviewed(store: JournalStore) -> Assessment:
    ids = build_sample(store)
    return assess_store(store, H1, sample_review(ids), TODAY)


@pytest.fixture
def unreviewed(store: JournalStore) -> Assessment:
    build_sample(store)
    return assess_store(store, H1, None, TODAY)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    # a missing golden is a failure, never silently written: a test must compare
    assert path.exists(), f"golden file {path} is missing (UPDATE_GOLDEN=1 writes it)"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed (UPDATE_GOLDEN=1 to accept)"


@pytest.mark.parametrize("fmt", ["md", "json", "html", "txt"])
def test_golden_reviewed(reviewed: Assessment, fmt: str) -> None:
    check_golden(f"review.{fmt}", render(reviewed, fmt))


def test_golden_without_a_review(unreviewed: Assessment) -> None:
    check_golden("assessment.md", render(unreviewed, "md"))


def headings(markdown: str) -> list[tuple[int, str]]:
    tokens = MD.parse(markdown)
    return [
        (int(tok.tag[1]), tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def test_markdown_parses_into_the_expected_headings(reviewed: Assessment) -> None:
    assert headings(render(reviewed, "md")) == [
        (1, "H1 2026 self-assessment"),
        (2, "Summary"),
        (2, "Grow enterprise revenue — Exceeded"),
        (3, "Win three enterprise deals"),
        (2, "Cut checkout latency"),
        (2, "Build the platform team — Partially met"),
        (2, "Gaps and stale goals"),
        (2, "Feedback received"),
        (2, "Personal goals"),
        (3, "Influence across teams"),
        (3, "Mentor a junior engineer"),
        (2, "Development plan"),
        (3, "Data modelling"),
        (3, "Presenting to leadership"),
        (3, "Next period"),
    ]


def test_markdown_user_text_cannot_become_structure(reviewed: Assessment) -> None:
    tokens = MD.parse(render(reviewed, "md"))
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {
        "link_open",
        "image",
        "html_inline",
        "html_block",
        "code_inline",
        "fence",
        "code_block",
        "blockquote_open",
        "hr",
    }
    # The narrative's "# not a heading" stays a paragraph; the title with a link stays text.
    text = "\n".join(
        "".join(c.content for c in t.children or [] if c.type == "text")
        for t in tokens
        if t.type == "inline"
    )
    assert "# not a heading" in text
    assert "Ran the Q2 demo [a](javascript:alert(1)) # not a heading" in text


class TagCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs


def test_html_has_no_unescaped_user_text(reviewed: Assessment) -> None:
    page = render(reviewed, "html")
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold?&lt;/b&gt;" in page
    parser = TagCollector()
    parser.feed(page)
    assert parser.tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "footer",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
    }
    assert all(name in ("lang", "charset", "name", "content") for name, _ in parser.attrs)
    assert "javascript:alert(1)" in page  # shown as text only, never as an href
    assert "href" not in page and "src=" not in page


def test_html_is_one_self_contained_page(reviewed: Assessment) -> None:
    page = render(reviewed, "html")
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    assert "@media print" in page and "http" not in page.replace("javascript", "")


def test_hostile_review_title_is_escaped_in_the_page_title(store: JournalStore) -> None:
    build_sample(store)
    review = {
        "title": "</title><script>x</script>",
        "period": {"start": "2026-01-01", "end": "2026-06-30"},
    }
    page = render(assess_store(store, H1, review, TODAY), "html")
    assert "<script>" not in page
    assert "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>" in page


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("#*_[]()<>!`~|\\&;-+=.:/ab1 \"'{}"))
        | st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Zs")),
        max_size=40,
    )
)
def test_any_title_renders_as_exactly_that_text(title: str) -> None:
    line = f"- 4 Mar 2026 \u2014 {md_escape(title)} *(note)*"
    tokens = MD.parse(line)
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1
    children = inline[0].children or []
    assert {c.type for c in children} <= {"text", "em_open", "em_close", "softbreak"}
    shown = "".join(c.content for c in children if c.type == "text")
    assert shown == f"4 Mar 2026 \u2014 {title} (note)".rstrip() or title.strip() == ""


def test_control_characters_are_made_visible(store: JournalStore) -> None:
    store.goals.add("Goal", code="g")
    store.entries.add("note", "bell \x07 and escape \x1b[31m", when="2026-03-01", goals=["g"])
    a = assess_store(store, H1, None, TODAY)
    for fmt in ("md", "txt", "html"):
        out = render(a, fmt)
        assert "\x1b" not in out and "\x07" not in out and "\u241b" in out and "\u2407" in out
    assert "\u001b[31m" in json.loads(render(a, "json"))["goals"][0]["evidence"][0]["title"]


def test_json_keeps_the_documented_field_names(reviewed: Assessment) -> None:
    data = json.loads(render(reviewed, "json"))
    assert data["period"] == {"start": "2026-01-01", "end": "2026-06-30", "label": "H1 2026"}
    goal = data["goals"][0]
    for name in (
        "code",
        "title",
        "scope",
        "rating",
        "narrative",
        "evidence_count",
        "last_evidence",
        "evidence",
    ):
        assert name in goal
    assert set(goal["evidence"][0]) >= {"id", "when", "kind", "title"}
    assert goal["code"] == "revenue" and goal["rating"] == "Exceeded"
    assert goal["evidence_count"] == 5 and goal["last_evidence"] == "2026-06-30"
    assert data["gaps"] == ["latency"] and data["stale"] == ["hiring"]
    assert {k: data["feedback"][k] for k in ("praise", "constructive", "mixed")} == {
        "praise": 2,
        "constructive": 2,
        "mixed": 1,
    }
    assert data["feedback"]["by_source"]["Priya"]["total"] == 3
    skill = data["skills"][1]
    assert {k: skill[k] for k in ("code", "name", "level", "target_level", "evidence_count")} == {
        "code": "presenting",
        "name": "Presenting to leadership",
        "level": 2,
        "target_level": 4,
        "evidence_count": 2,
    }
    assert [g["scope"] for g in data["goals"]].count("personal") == 2
    assert to_data(reviewed)["readiness"]["rated"] == 2


def test_evidence_lists_are_capped_in_human_formats_but_not_json(store: JournalStore) -> None:
    store.goals.add("Busy goal", code="busy")
    store.entries.add_many(
        [
            {"kind": "note", "text": f"note {n}", "when": f"2026-03-{n:02d}", "goals": ["busy"]}
            for n in range(1, 13)
        ]
    )
    a = assess_store(store, H1, None, TODAY)
    md = render(a, "md", limit=5)
    assert md.count("\u2014 note ") == 5 and "and 7 more" in md
    assert render(a, "md", limit=None).count("\u2014 note ") == 12
    assert json.loads(render(a, "json"))["goals"][0]["evidence_count"] == 12


def test_write_private_is_0600_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    assert write_private(target, "first") == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        write_private(target, "second")
    assert target.read_text() == "first"
    target.chmod(0o644)
    write_private(target, "third", overwrite=True)
    assert target.read_text() == "third" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.md"]  # no temp files left


def test_format_for_reads_the_suffix() -> None:
    assert [format_for(n) for n in ("a.md", "a.HTML", "a.json", "a.txt", "a")] == [
        "md",
        "html",
        "json",
        "txt",
        "md",
    ]

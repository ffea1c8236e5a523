"""HTML export: one self-contained, printable page rendered from the Markdown export.

markdown-it-py (which textual brings) renders with raw HTML disabled, so `<script>` in
an entry arrives as text; the Markdown renderer has already escaped every Markdown
character in user text. The page has no external resources and prints cleanly.
"""

from __future__ import annotations

import html

from journal.export.assessment import to_markdown
from journal.export.outline import outline
from journal.review.assessment import Assessment
from journal.textsafe import visible_line
from journal.timestamps import human_date

CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1d1d1f; background: #fff; max-width: 46em; margin: 2.5em auto; padding: 0 1.5em; }
h1 { font-size: 1.7em; margin: 0 0 .2em; padding-bottom: .3em; border-bottom: 2px solid #1d1d1f; }
h2 { font-size: 1.25em; margin: 1.8em 0 .4em; padding-bottom: .15em;
  border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05em; margin: 1.3em 0 .3em; }
h4, h5, h6 { font-size: 1em; margin: 1.1em 0 .3em; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: .45em 0; }
ul, ol { margin: .3em 0 .8em; padding-left: 1.4em; }
li { margin: .15em 0; break-inside: avoid; page-break-inside: avoid; }
em { color: #555; }
code { font: .92em ui-monospace, Menlo, Consolas, monospace; }
footer { margin-top: 3em; padding-top: .5em; border-top: 1px solid #ddd; color: #777;
  font-size: .85em; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  em, footer { color: #333; }
}
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="journal">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<main>
{body}</main>
<footer>Exported from a private work journal on {day}.</footer>
</body>
</html>
"""


def markdown_to_html(markdown: str) -> str:
    """CommonMark to HTML with raw HTML off: anything tag-like in the text is escaped."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    html_text: str = md.render(markdown)
    return html_text


def to_html(a: Assessment, limit: int | None = 15) -> str:
    body = markdown_to_html(to_markdown(outline(a, limit)))
    return PAGE.format(
        title=html.escape(visible_line(a.title), quote=True),
        css=CSS,
        body=body,
        day=human_date(a.today),
    )

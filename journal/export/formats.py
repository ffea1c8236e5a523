"""The export formats and the file suffixes that choose them, defined once.

Light on purpose (no imports): the command line's parser reads these for every command,
`journal add` included, and the exporters and the app read the same names.
"""

from __future__ import annotations

REVIEW_FORMATS = ("md", "json", "html", "txt")
"""`journal review export --format` and the Review screen's export."""
REVIEW_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".text": "txt",
}

JOURNAL_FORMATS = ("md", "json", "txt")
"""`journal export --format`: the whole journal."""
JOURNAL_SUFFIXES = {".md": "md", ".markdown": "md", ".json": "json", ".txt": "txt", ".text": "txt"}

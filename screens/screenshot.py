"""The palette's Screenshot: an SVG of the screen, private, in a folder that exists.

Textual's own command saves to the downloads folder with the default file mode and,
when that folder is missing, says only "Failed to save screenshot". A screenshot shows
journal text, so here it is written 0600 (atomically, never replacing a file), to the
downloads folder when there is one and the home folder otherwise, and the notice says
where and why; a failure says what went wrong. The worker gives the notice with
`App.notify`, which is thread-safe (it posts Textual's own `Notify` message to the app):
nothing else on screen changes, so there is no event for a screen to handle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from textual._files import generate_datetime_filename
from textual.app import App

from journal.export.outfile import write_private


def screenshot_folder() -> Path:
    """The downloads folder if it exists, else the home folder."""
    downloads = Path(platformdirs.user_downloads_dir())
    return downloads if downloads.is_dir() else Path.home()


def take_screenshot(app: App[Any]) -> None:
    """Render the screen now; write the file in a thread worker and report either way."""
    svg = app.export_screenshot()
    folder = screenshot_folder()
    path = folder / generate_datetime_filename(app.title, ".svg")

    def write() -> None:
        try:
            written = write_private(path, svg)
        except OSError as err:
            reason = err.strerror or str(err)
            app.notify(  # thread-safe: posts a message to the app
                f"Not saved to {folder}: {reason}.",
                title="Screenshot",
                severity="error",
                markup=False,
            )
            return
        app.notify(
            f"Saved to {written}, readable only by you (mode 0600): it shows journal text.",
            title="Screenshot",
            markup=False,
        )

    app.run_worker(write, thread=True, group="screenshot")

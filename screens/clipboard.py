"""Copying from the app, and saying honestly what happened.

Textual's `copy_to_clipboard` sends OSC 52, which a terminal may ignore without a word
(tmux with `set-clipboard external`, many terminals by default): reporting "Copied" then
would be a guess. So the app also runs a clipboard tool when there is one (wl-copy,
xclip, pbcopy: `journal.clipboard`), whose exit status is known, and words the result
as the command line does: what was done, and how to check.
"""

from __future__ import annotations

from textual.app import App
from textual.notifications import SeverityLevel
from textual.worker import get_current_worker

from journal.clipboard import CopyResult, copy_text


def copy_in_thread(app: App[object], text: str, what: str) -> None:
    """Call from a thread worker: run the tools here, then OSC 52 and the notice on the
    app's thread (the driver owns the terminal; nothing else may write to it)."""
    result = copy_text(text, stream=lambda: None)  # OSC 52 goes through Textual below
    if get_current_worker().is_cancelled:
        return
    app.call_from_thread(_finish, app, text, what, result)


def _finish(app: App[object], text: str, what: str, result: CopyResult) -> None:
    app.copy_to_clipboard(text)
    result.osc52_sent = True
    severity: SeverityLevel = "information" if result.known else "warning"
    app.notify(
        f"{what}: {result.describe()}",
        title="Clipboard",
        severity=severity,
        markup=False,
        timeout=8,
    )

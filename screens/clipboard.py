"""Copying from the app, and saying honestly what happened.

Textual's `copy_to_clipboard` sends OSC 52, which a terminal may ignore without a word
(tmux with `set-clipboard external`, many terminals by default): reporting "Copied" then
would be a guess. So the app also runs a clipboard tool when there is one (wl-copy,
xclip, pbcopy: `journal.clipboard`), whose exit status is known, and words the result
as the command line does: what was done, and how to check.

A screen that copies runs `copy_in_thread` in a thread worker, which posts `Copied` to
the screen; the screen's handler calls `show_copied` on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.worker import get_current_worker

from journal.clipboard import CopyResult, copy_text


@dataclass
class Copied(Message, bubble=False):
    """The clipboard tools ran on `text` (`result`); OSC 52 and the notice are still to do."""

    text: str
    what: str
    result: CopyResult


def copy_in_thread(screen: MessagePump, text: str, what: str) -> None:
    """Call from a thread worker: run the tools here, then post `Copied` to `screen`
    (the driver owns the terminal: OSC 52 is sent from the UI thread, in `show_copied`)."""
    result = copy_text(text, stream=lambda: None)  # OSC 52 goes through Textual below
    if get_current_worker().is_cancelled:
        return
    screen.post_message(Copied(text, what, result))


def show_copied(app: App[object], event: Copied) -> None:
    """On the UI thread: send OSC 52, then say what was done and how to check."""
    app.copy_to_clipboard(event.text)
    result = event.result
    result.osc52_sent = True
    severity: SeverityLevel = "information" if result.known else "warning"
    app.notify(
        f"{event.what}: {result.describe()}",
        title="Clipboard",
        severity=severity,
        markup=False,
        timeout=8,
    )

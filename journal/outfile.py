"""Writing an export the user asked for: atomic, private (0600), never clobbering unless told.

Shared by every export (the review's and the whole journal's, from the CLI and the app),
so they all refuse and replace files the same way.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_private(path: str | os.PathLike[str], text: str, overwrite: bool = False) -> Path:
    """Write `text` to `path` atomically with mode 0600; refuse to replace unless told.

    The export holds private text, so it is never group- or world-readable. Without
    `overwrite` the file is hard-linked into place, which fails if the name is taken
    even when another process creates it meanwhile (FileExistsError).
    """
    target = Path(path).expanduser().absolute()
    if not overwrite and target.exists():
        raise FileExistsError(f"{target} already exists")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        if overwrite:
            os.replace(temp, target)
        else:
            _link_into_place(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return target


def _link_into_place(temp: str, target: Path) -> None:
    """No-clobber rename: link then unlink; where links are unsupported, check then replace."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise FileExistsError(f"{target} already exists") from None
    except OSError:
        if target.exists():
            raise FileExistsError(f"{target} already exists") from None
        os.replace(temp, target)
        return
    os.unlink(temp)

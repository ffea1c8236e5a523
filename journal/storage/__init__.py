"""The journal's storage: the TinyDB Storage, the file format and its encryption.

TEMPORARY (branch wt-crypto, until the layout move lands): re-exports journal.storage.safe
so the flat imports keep working; the layout move replaces this file.
"""

from journal.storage.safe import *  # noqa: F403
from journal.storage.safe import __all__  # noqa: F401

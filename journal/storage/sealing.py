"""One journal file's encryption as the storage holds it: open what is read, seal what is
written (docs/encryption.md).

`Sealing` keeps the header and keys of the file as last read (None: plaintext) and the
keys handed in by whoever unlocked it (the app's prompt, `journal unlock`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journal.storage import layout
from journal.storage.crypto import MAGIC as ENCRYPTED_MAGIC
from journal.storage.reading import refusal

if TYPE_CHECKING:
    from journal.storage import crypto


class Sealing:
    """The keys of one journal file: as read from it, or as given by an unlock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.crypt: tuple[crypto.Header, crypto.Keys] | None = None
        self.given_keys: crypto.Keys | None = None

    def known_keys(self) -> crypto.Keys | None:
        return self.given_keys or (self.crypt[1] if self.crypt else None)

    def decrypted(self, raw: bytes) -> bytes:
        """The plaintext of an encrypted file, or a refusal that leaves it untouched."""
        from journal.storage import crypto, unlocking

        try:
            header = crypto.split_header(raw)[0]
        except crypto.CryptoError as err:
            raise refusal(self.path, str(err), self.known_keys()) from None
        keys = self.known_keys()
        if keys is None or keys.journal_id != header.journal_id:
            keys = unlocking.keys_for(self.path, header)
        try:
            header, plain = crypto.open_sealed(raw, keys)
        except crypto.CryptoError as err:
            raise refusal(self.path, str(err), self.known_keys()) from None
        self.crypt = (header, keys)
        return plain

    def sealed(self, data: layout.Chunks) -> layout.Chunks:
        """What goes on disk: `data` itself, or its ciphertext for an encrypted journal."""
        if self.crypt is None:
            return data
        from journal.storage import crypto

        header, keys = self.crypt
        return list(crypto.seal(header, keys, b"".join(data)))

    def plaintext(self, raw: bytes) -> bytes:
        """The document's bytes: decrypted when the file is an encrypted journal."""
        if raw.startswith(ENCRYPTED_MAGIC):
            return self.decrypted(raw)
        self.crypt = None
        return raw

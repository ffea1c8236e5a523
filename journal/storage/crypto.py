"""The encrypted journal file: a versioned header, one AEAD ciphertext, sealed inbox records.

Only libsodium (through PyNaCl) does cryptography here; this module only puts its calls
together, and docs/encryption.md explains the construction for a reviewer. PyNaCl is
imported inside the functions that use it, so an unencrypted journal never loads it.

File layout: MAGIC, one line of canonical JSON (the header), then the 24-byte nonce and
the XChaCha20-Poly1305 ciphertext of the TinyDB document, with every header byte (MAGIC
and the JSON line) as associated data.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from typing import Any

import orjson

MAGIC = b"coaching-journal encrypted\n"
FORMAT_VERSION = 1
KDF_NAME = "argon2id13"
AEAD_NAME = "xchacha20poly1305-ietf"
KEY_BYTES = 32
NONCE_BYTES = 24  # XChaCha20: random nonces this long never repeat in practice
TAG_BYTES = 16
SALT_BYTES = 16  # libsodium's crypto_pwhash_SALTBYTES
ID_BYTES = 16
HEADER_LIMIT = 4096  # a header line longer than this is damage, not a header
MIN_PASSPHRASE = 12

# Argon2id work a header may ask for: from libsodium's minimum up to its SENSITIVE limits
# (4 passes, 1 GiB, a few seconds). libsodium itself accepts up to 2**32-1 passes, which a
# damaged or hostile header could use to keep an unlock busy for hours; we never write
# more than MODERATE, so anything above SENSITIVE is refused before deriving.
OPS_RANGE = (1, 4)
MEM_RANGE = (8192, 1024**3)


class CryptoError(ValueError):
    """An encrypted file that cannot be opened: damaged, foreign, or a newer format."""


class WrongPassphrase(CryptoError):
    """The passphrase does not unwrap this journal's key."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id work factors, stored in the header so they can be raised later."""

    opslimit: int
    memlimit: int


def moderate() -> KdfParams:
    """libsodium's MODERATE limits (3 passes, 256 MiB): about 0.7 s on the dev machine."""
    from nacl.pwhash import argon2id

    return KdfParams(argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE)


def fast_for_tests() -> KdfParams:
    """libsodium's minimum limits: only for tests, never chosen by a command."""
    from nacl.pwhash import argon2id

    return KdfParams(argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN)


@dataclass(frozen=True)
class Keys:
    """What a passphrase unlocks: the data key, the capture secret key, the journal's id."""

    journal_id: bytes
    data_key: bytes
    capture_secret: bytes

    def capture_public(self) -> bytes:
        from nacl.public import PrivateKey

        return bytes(PrivateKey(self.capture_secret).public_key)


@dataclass(frozen=True)
class Header:
    """The clear-text first line of an encrypted journal; all of it is authenticated."""

    version: int
    kdf: KdfParams
    salt: bytes
    journal_id: bytes
    capture_public: bytes
    wrapped: bytes  # nonce + AEAD(KEK, data_key || capture_secret)

    def fields(self, with_wrapped: bool = True) -> dict[str, Any]:
        found: dict[str, Any] = {
            "format": self.version,
            "kdf": {"name": KDF_NAME, "opslimit": self.kdf.opslimit, "memlimit": self.kdf.memlimit},
            "salt": _b64(self.salt),
            "journal_id": _b64(self.journal_id),
            "capture_public": _b64(self.capture_public),
            "aead": AEAD_NAME,
        }
        if with_wrapped:
            found["wrapped_key"] = _b64(self.wrapped)
        return found

    def to_bytes(self) -> bytes:
        return MAGIC + orjson.dumps(self.fields(), option=orjson.OPT_SORT_KEYS) + b"\n"

    def wrap_ad(self) -> bytes:
        """Associated data of the key wrap: every header field but the wrap itself."""
        return MAGIC + orjson.dumps(self.fields(with_wrapped=False), option=orjson.OPT_SORT_KEYS)


def is_encrypted(raw: bytes | memoryview) -> bool:
    """True when the bytes start like an encrypted journal (cheap: no PyNaCl loaded)."""
    return bytes(raw[: len(MAGIC)]) == MAGIC


def file_is_encrypted(path: str | os.PathLike[str]) -> bool:
    """A look at a file's first bytes: is it an encrypted journal? (False if unreadable.)"""
    return is_encrypted(read_start(path, len(MAGIC)))


def read_start(path: str | os.PathLike[str], size: int) -> bytes:
    """Up to `size` first bytes of a regular file; b"" for anything else. Never blocks: a
    FIFO at the journal's path must get the storage's refusal, not hang here."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, size: int | None, name: str) -> bytes:
    if not isinstance(value, str):
        raise CryptoError(f"its header field {name} is missing or not text")
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise CryptoError(f"its header field {name} is not base64") from None
    if size is not None and len(data) != size:
        raise CryptoError(f"its header field {name} has {len(data)} bytes, not {size}")
    return data


def split_header(raw: bytes | memoryview) -> tuple[Header, bytes, memoryview]:
    """The header, its exact bytes (the associated data) and the rest of the file."""
    view = memoryview(raw)
    if not is_encrypted(view):
        raise CryptoError("it is not an encrypted journal (its first line is not the magic)")
    end = bytes(view[: len(MAGIC) + HEADER_LIMIT]).find(b"\n", len(MAGIC))
    if end < 0:
        raise CryptoError("its header is truncated or damaged (no end of header line)")
    header_bytes = bytes(view[: end + 1])
    try:
        fields = orjson.loads(header_bytes[len(MAGIC) :])
    except orjson.JSONDecodeError:
        raise CryptoError("its header is damaged (not valid JSON)") from None
    if not isinstance(fields, dict):
        raise CryptoError("its header is damaged (not a JSON object)")
    return _header_from(fields), header_bytes, view[end + 1 :]


def _header_from(fields: dict[str, Any]) -> Header:
    version = fields.get("format")
    if version != FORMAT_VERSION:
        raise CryptoError(
            f"it uses encrypted format version {version!r}; this version of journal reads "
            f"format {FORMAT_VERSION} only: upgrade journal to open it"
        )
    kdf = fields.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != KDF_NAME:
        name = kdf.get("name") if isinstance(kdf, dict) else None
        raise CryptoError(f"its key derivation {name!r} is unknown (expected {KDF_NAME})")
    if fields.get("aead") != AEAD_NAME:
        raise CryptoError(f"its cipher {fields.get('aead')!r} is unknown (expected {AEAD_NAME})")
    ops, mem = kdf.get("opslimit"), kdf.get("memlimit")
    if not (
        type(ops) is int
        and type(mem) is int
        and OPS_RANGE[0] <= ops <= OPS_RANGE[1]
        and MEM_RANGE[0] <= mem <= MEM_RANGE[1]
    ):
        raise CryptoError("its key derivation parameters are damaged or out of range")
    return Header(
        version=version,
        kdf=KdfParams(ops, mem),
        salt=_unb64(fields.get("salt"), SALT_BYTES, "salt"),
        journal_id=_unb64(fields.get("journal_id"), ID_BYTES, "journal_id"),
        capture_public=_unb64(fields.get("capture_public"), KEY_BYTES, "capture_public"),
        wrapped=_unb64(
            fields.get("wrapped_key"), NONCE_BYTES + 2 * KEY_BYTES + TAG_BYTES, "wrapped_key"
        ),
    )


# -- keys ------------------------------------------------------------------------------


def new_keys() -> Keys:
    """Fresh random keys for a journal being encrypted."""
    from nacl.public import PrivateKey
    from nacl.utils import random

    return Keys(random(ID_BYTES), random(KEY_BYTES), bytes(PrivateKey.generate()))


def derive(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    """The key-encryption key: Argon2id over the passphrase (the one slow step)."""
    from nacl.pwhash import argon2id

    return bytes(
        argon2id.kdf(KEY_BYTES, passphrase.encode("utf-8"), salt, kdf.opslimit, kdf.memlimit)
    )


def wrap(keys: Keys, passphrase: str, kdf: KdfParams) -> Header:
    """A header that wraps `keys` under `passphrase` (a new salt every time)."""
    from nacl.utils import random

    salt = random(SALT_BYTES)
    draft = Header(FORMAT_VERSION, kdf, salt, keys.journal_id, keys.capture_public(), b"")
    nonce = random(NONCE_BYTES)
    sealed = _aead_encrypt(
        keys.data_key + keys.capture_secret, draft.wrap_ad(), nonce, derive(passphrase, salt, kdf)
    )
    return Header(FORMAT_VERSION, kdf, salt, keys.journal_id, draft.capture_public, nonce + sealed)


def unwrap(header: Header, passphrase: str) -> Keys:
    """The journal's keys, or WrongPassphrase."""
    kek = derive(passphrase, header.salt, header.kdf)
    nonce, sealed = header.wrapped[:NONCE_BYTES], header.wrapped[NONCE_BYTES:]
    plain = _aead_decrypt(sealed, header.wrap_ad(), nonce, kek)
    if plain is None:
        raise WrongPassphrase("the passphrase is wrong")
    keys = Keys(header.journal_id, plain[:KEY_BYTES], plain[KEY_BYTES:])
    if keys.capture_public() != header.capture_public:
        raise CryptoError("its capture key does not match its wrapped key (damaged header)")
    return keys


# -- the document ----------------------------------------------------------------------


def seal(header: Header, keys: Keys, plaintext: bytes | memoryview) -> list[bytes]:
    """The whole encrypted file as chunks: header, fresh nonce, ciphertext."""
    from nacl.utils import random

    head = header.to_bytes()
    nonce = random(NONCE_BYTES)
    return [head, nonce, _aead_encrypt(bytes(plaintext), head, nonce, keys.data_key)]


def open_sealed(raw: bytes | memoryview, keys: Keys) -> tuple[Header, bytes]:
    """The header and the plaintext document; CryptoError on any damage or wrong key."""
    header, head, body = split_header(raw)
    if header.journal_id != keys.journal_id:
        raise CryptoError("it belongs to another encrypted journal (its journal id differs)")
    if len(body) < NONCE_BYTES + TAG_BYTES:
        raise CryptoError("it is truncated (the ciphertext is missing or too short)")
    plain = _aead_decrypt(bytes(body[NONCE_BYTES:]), head, bytes(body[:NONCE_BYTES]), keys.data_key)
    if plain is None:
        raise CryptoError("it failed authentication: it was damaged, truncated or tampered with")
    return header, plain


def _aead_encrypt(message: bytes, ad: bytes, nonce: bytes, key: bytes) -> bytes:
    from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt

    return bytes(crypto_aead_xchacha20poly1305_ietf_encrypt(message, ad, nonce, key))


def _aead_decrypt(sealed: bytes, ad: bytes, nonce: bytes, key: bytes) -> bytes | None:
    from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt
    from nacl.exceptions import CryptoError as SodiumError

    try:
        return bytes(crypto_aead_xchacha20poly1305_ietf_decrypt(sealed, ad, nonce, key))
    except SodiumError:
        return None


# -- the write-only inbox --------------------------------------------------------------


def seal_for_inbox(capture_public: bytes, record: bytes) -> bytes:
    """A sealed box (ephemeral X25519 + XSalsa20-Poly1305): anyone can add, only keys read."""
    from nacl.public import PublicKey, SealedBox

    return bytes(SealedBox(PublicKey(capture_public)).encrypt(record))


def open_inbox_record(keys: Keys, sealed: bytes) -> bytes:
    """The plaintext of one inbox record; CryptoError if it was not sealed to this journal."""
    from nacl.exceptions import CryptoError as SodiumError
    from nacl.public import PrivateKey, SealedBox

    try:
        return bytes(SealedBox(PrivateKey(keys.capture_secret)).decrypt(sealed))
    except SodiumError:
        raise CryptoError("an inbox record failed authentication (damaged or foreign)") from None


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused, or None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"a passphrase needs at least {MIN_PASSPHRASE} characters"
    return None

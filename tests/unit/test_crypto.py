"""The encrypted file format: header round-trip, refusals, tamper detection, passphrases."""

from __future__ import annotations

import orjson
import pytest

from journal.storage import crypto

PASS = "correct horse battery staple"
DOC = orjson.dumps({"meta": {"1": {"schema": 1}}, "entries": {"1": {"body": "canary-7f3a"}}})


@pytest.fixture(scope="module")
def keys() -> crypto.Keys:
    return crypto.new_keys()


@pytest.fixture(scope="module")
def header(keys: crypto.Keys) -> crypto.Header:
    return crypto.wrap(keys, PASS, crypto.fast_for_tests())


def sealed_file(header: crypto.Header, keys: crypto.Keys) -> bytes:
    return b"".join(crypto.seal(header, keys, DOC))


def test_header_parameters_round_trip(header: crypto.Header, keys: crypto.Keys) -> None:
    raw = sealed_file(header, keys)
    found, head, _ = crypto.split_header(raw)
    assert found == header
    assert head == header.to_bytes()
    assert raw.startswith(crypto.MAGIC)
    fields = orjson.loads(head[len(crypto.MAGIC) :])
    assert fields["kdf"] == {
        "name": "argon2id13",
        "opslimit": header.kdf.opslimit,
        "memlimit": header.kdf.memlimit,
    }
    assert fields["format"] == 1 and fields["aead"] == "xchacha20poly1305-ietf"
    assert found.capture_public == keys.capture_public()


def test_document_round_trips_and_plaintext_is_not_in_the_file(
    header: crypto.Header, keys: crypto.Keys
) -> None:
    raw = sealed_file(header, keys)
    assert b"canary-7f3a" not in raw
    assert crypto.open_sealed(raw, keys) == (header, DOC)


def test_every_write_uses_a_fresh_nonce(header: crypto.Header, keys: crypto.Keys) -> None:
    first, second = sealed_file(header, keys), sealed_file(header, keys)
    head = len(header.to_bytes())
    assert first[head : head + 24] != second[head : head + 24]
    assert first[head:] != second[head:]


def test_unknown_format_version_is_refused_with_a_message(
    header: crypto.Header, keys: crypto.Keys
) -> None:
    fields = header.fields() | {"format": 2}
    raw = crypto.MAGIC + orjson.dumps(fields) + b"\n" + b"\0" * 64
    with pytest.raises(crypto.CryptoError, match="format version 2.*upgrade journal"):
        crypto.split_header(raw)


def test_unknown_kdf_and_absurd_parameters_are_refused(header: crypto.Header) -> None:
    for change, message in [
        ({"kdf": {"name": "pbkdf2", "opslimit": 3, "memlimit": 8192}}, "key derivation"),
        ({"kdf": {"name": "argon2id13", "opslimit": 3, "memlimit": 2**40}}, "out of range"),
        ({"aead": "aes-gcm"}, "cipher"),
        ({"salt": "AAAA"}, "salt has 3 bytes"),
    ]:
        raw = crypto.MAGIC + orjson.dumps(header.fields() | change) + b"\n"
        with pytest.raises(crypto.CryptoError, match=message):
            crypto.split_header(raw)


def test_a_flipped_bit_anywhere_is_refused(header: crypto.Header, keys: crypto.Keys) -> None:
    raw = sealed_file(header, keys)
    for index in range(len(raw)):
        for bit in (0, 3, 7):
            damaged = bytearray(raw)
            damaged[index] ^= 1 << bit
            with pytest.raises(crypto.CryptoError):
                crypto.open_sealed(bytes(damaged), keys)


def test_truncation_anywhere_is_refused(header: crypto.Header, keys: crypto.Keys) -> None:
    raw = sealed_file(header, keys)
    for size in range(len(raw)):
        with pytest.raises(crypto.CryptoError):
            crypto.open_sealed(raw[:size], keys)


def test_passphrase_unwraps_and_a_wrong_one_is_refused(
    header: crypto.Header, keys: crypto.Keys
) -> None:
    assert crypto.unwrap(header, PASS) == keys
    with pytest.raises(crypto.WrongPassphrase, match="passphrase is wrong"):
        crypto.unwrap(header, PASS + "!")


def test_rewrap_keeps_the_data_key_and_drops_the_old_passphrase(
    header: crypto.Header, keys: crypto.Keys
) -> None:
    rewrapped = crypto.wrap(keys, "a brand new passphrase", crypto.fast_for_tests())
    assert rewrapped.salt != header.salt
    assert rewrapped.journal_id == header.journal_id
    assert crypto.unwrap(rewrapped, "a brand new passphrase") == keys
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unwrap(rewrapped, PASS)


def test_a_wrap_moved_onto_other_parameters_is_refused(header: crypto.Header) -> None:
    other = crypto.Header(
        header.version,
        crypto.KdfParams(header.kdf.opslimit + 1, header.kdf.memlimit),
        header.salt,
        header.journal_id,
        header.capture_public,
        header.wrapped,
    )
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unwrap(other, PASS)


def test_another_journals_keys_do_not_open_it(header: crypto.Header, keys: crypto.Keys) -> None:
    with pytest.raises(crypto.CryptoError, match="another encrypted journal"):
        crypto.open_sealed(sealed_file(header, keys), crypto.new_keys())


def test_inbox_records_open_only_with_the_capture_secret(keys: crypto.Keys) -> None:
    sealed = crypto.seal_for_inbox(keys.capture_public(), b"canary-inbox")
    assert b"canary-inbox" not in sealed
    assert crypto.open_inbox_record(keys, sealed) == b"canary-inbox"
    with pytest.raises(crypto.CryptoError):
        crypto.open_inbox_record(crypto.new_keys(), sealed)


def test_short_passphrases_are_refused() -> None:
    assert crypto.passphrase_problem("short") is not None
    assert crypto.passphrase_problem("twelve chars") is None

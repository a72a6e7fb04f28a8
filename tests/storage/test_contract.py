"""What every backend promises; each test runs once on local disk and once on S3 (moto)."""

from __future__ import annotations

import io

import pytest
from flask import Flask

from marketplace.storage import InvalidKey, ObjectNotFound, Storage, new_key

BAD_KEYS = [
    "",
    "../secret",
    "documents/../../secret",
    "documents/./x",
    "/etc/passwd",
    "documents//x",
    "documents/",
    "documents\\x",
    ".hidden",
    "documents/x\x00",
    "documents/ x",
    "a" * 600,
]


class OneWayStream(io.RawIOBase):
    """A stream that cannot seek, like a socket: put must not rely on rewinding."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        chunk = self._data.read(min(len(buffer), 1000))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_round_trip(storage: Storage) -> None:
    key = new_key("documents")
    data = bytes(range(256)) * 10
    assert not storage.exists(key)

    storage.put(key, data, content_type="application/pdf")

    assert storage.exists(key)
    assert storage.read(key) == data
    storage.delete(key)
    assert not storage.exists(key)
    with pytest.raises(ObjectNotFound):
        storage.read(key)


def test_put_from_a_stream_that_cannot_seek(storage: Storage) -> None:
    key = new_key("documents")
    data = b"%PDF-" + b"x" * 50_000
    storage.put(key, OneWayStream(data), content_type="application/pdf")  # type: ignore[arg-type]
    assert storage.read(key) == data


def test_put_replaces_the_whole_object(storage: Storage) -> None:
    key = new_key("documents")
    storage.put(key, b"a much longer first version", content_type="text/plain")
    storage.put(key, b"short", content_type="text/plain")
    assert storage.read(key) == b"short"


def test_delete_is_idempotent(storage: Storage) -> None:
    key = new_key("documents")
    storage.delete(key)  # never stored
    storage.put(key, b"data", content_type="text/plain")
    storage.delete(key)
    storage.delete(key)
    assert not storage.exists(key)


def test_keys_are_random_and_prefixed() -> None:
    keys = {new_key("notices/documents") for _ in range(100)}
    assert len(keys) == 100
    assert all(key.startswith("notices/documents/") for key in keys)


@pytest.mark.parametrize("key", BAD_KEYS)
def test_bad_keys_are_refused_by_every_operation(storage: Storage, key: str) -> None:
    with pytest.raises(InvalidKey):
        storage.put(key, b"data", content_type="text/plain")
    with pytest.raises(InvalidKey):
        storage.read(key)
    with pytest.raises(InvalidKey):
        storage.exists(key)
    with pytest.raises(InvalidKey):
        storage.delete(key)


def test_new_key_refuses_a_bad_prefix() -> None:
    with pytest.raises(InvalidKey):
        new_key("../documents")


def test_download_of_a_missing_object(storage: Storage, storage_app: Flask) -> None:
    with storage_app.test_request_context(), pytest.raises(ObjectNotFound):
        storage.download_response(new_key("documents"), filename="a.pdf", content_type="application/pdf")


def test_healthcheck(storage: Storage) -> None:
    health = storage.healthcheck()
    assert health["ok"] is True
    assert health["backend"] in {"local", "s3"}

"""The storage interface every backend implements, its errors and key rules."""

from __future__ import annotations

import re
import uuid
from typing import BinaryIO, Protocol

from werkzeug.wrappers import Response

from marketplace.downloads import content_disposition  # noqa: F401  - one rule for every download


class StorageError(Exception):
    """Anything that went wrong talking to the store (callers need not import boto)."""


class StorageConfigError(StorageError):
    """The app's storage settings are wrong; raised at start-up, not on first upload."""


class InvalidKey(StorageError, ValueError):
    """A key that is not one `new_key` could have made (for example `../x`)."""


class ObjectNotFound(StorageError, LookupError):
    """No object is stored under the key."""


class Storage(Protocol):
    def put(self, key: str, data: BinaryIO | bytes, *, content_type: str) -> None:
        """Store the whole object or nothing: readers never see half a file."""

    def read(self, key: str) -> bytes:
        """The object's bytes; `ObjectNotFound` if there is none."""

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Remove the object; deleting a missing key is not an error."""

    def download_response(self, key: str, *, filename: str, content_type: str) -> Response:
        """A response that makes the browser download the object as `filename`."""

    def healthcheck(self) -> dict[str, object]:
        """{"backend": name, "ok": bool}, plus "error" when not ok; never raises."""


# Segments start with a letter or digit, so "." and ".." (and hidden files) can never
# appear; no leading slash, no empty segments, no backslashes.
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_KEY = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
MAX_KEY_LENGTH = 512


def new_key(prefix: str) -> str:
    """A fresh random key such as `documents/3f2a…`; never built from user input."""
    return check_key(f"{prefix}/{uuid.uuid4().hex}")


def check_key(key: str) -> str:
    if len(key) > MAX_KEY_LENGTH or not _KEY.fullmatch(key):
        raise InvalidKey(f"Not a valid storage key: {key!r}")
    return key

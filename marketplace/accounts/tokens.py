"""Signed, expiring tokens for email links (verification, password reset, invitations)."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from marketplace import clock


class TokenInvalid(Exception):
    """The link is wrong, or has been used or superseded."""


class TokenExpired(TokenInvalid):
    pass


class _ClockSigner(TimestampSigner):
    """Reads the service clock, so expiry follows the same time as everything else (and tests)."""

    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"marketplace.{purpose}", signer=_ClockSigner)


def make_token(purpose: str, payload: Any) -> str:
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str, max_age: int) -> Any:
    try:
        return _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenExpired() from error
    except BadSignature as error:
        raise TokenInvalid() from error


def fingerprint(value: str) -> str:
    """A short digest of account state put in a token, so the token dies when the state changes."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]

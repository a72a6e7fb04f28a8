"""Password policy (length and a common-passwords list, no composition rules) and hashing.

The common-passwords list is the 20,000-entry list Django ships (BSD licence),
compiled by Royce Williams from breach corpora.
"""

from __future__ import annotations

import gzip
import os
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 200
# Tests may lower the work factor (MARKETPLACE_FAST_HASHING=1): still Argon2id, just cheaper.
_hasher = (
    PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    if os.environ.get("MARKETPLACE_FAST_HASHING") == "1"
    else PasswordHasher()
)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when an email has no account, so both paths take the same time.
    Made on first use: hashing at import would cost every worker 64 MiB at start-up."""
    return _hasher.hash("not-a-real-password-for-timing")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common-passwords.txt.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def password_problem(password: str, email: str = "") -> str | None:
    """The error message for an unacceptable password, or None."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    lowered = password.strip().lower()
    if lowered in _common_passwords():
        return "Password is too common. Choose a password that is harder to guess"
    if email and lowered == email.strip().lower():
        return "Password must not be your email address"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)

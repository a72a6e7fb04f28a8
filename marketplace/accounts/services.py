"""Every account write: one commit per user action, each with an audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from marketplace import clock
from marketplace.accounts import passwords, queries, tokens
from marketplace.accounts.models import ADMIN, BUYER, SUPPLIER, BuyerEmailDomain, SignInThrottle, User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.links import external_url
from marketplace.mail.services import queue_email

VERIFY = "verify-email"
RESET = "reset-password"


class AccountError(Exception):
    """A problem to show the user next to a field (`field` names it)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# Registration and verification ------------------------------------------------------------


def register(
    email: str,
    password: str,
    *,
    role: str = SUPPLIER,
    full_name: str | None = None,
    password_hash: str | None = None,
) -> User:
    """A new, unverified account, with the verification email queued.

    `password_hash` is for bulk loads only (`flask demo load` registers 240 accounts with one password):
    the caller's `passwords.hash_password(password)`, made once, instead of hashing the same password with
    Argon2 for every account (about 40 ms each). It is not checked against `password`: checking costs what
    hashing does. People registering never pass it.
    """
    email = queries.normalise_email(email)
    if role == BUYER and not queries.is_buyer_domain(email):
        raise AccountError(
            "Enter a council email address. Buyer accounts are for council staff; suppliers register separately",
            "email",
        )
    problem = passwords.password_problem(password, email)
    if problem:
        raise AccountError(problem, "password")
    # Hash before looking the email up: both answers cost the same time, so timing can't reveal an account.
    password_hash = password_hash or passwords.hash_password(password)
    existing = queries.get_user_by_email(email)
    if existing is not None:
        # Don't reveal the account exists on the page; tell the owner by email instead.
        queue_email(
            email,
            "You already have an account",
            "account_exists",
            sign_in_url=external_url("accounts.sign_in"),
        )
        record("user.registration_repeated", existing, actor_id=existing.id)
        db.session.commit()
        return existing
    user = User(email=email, password_hash=password_hash, role=role, full_name=full_name)
    db.session.add(user)
    db.session.flush()
    _queue_verification(user)
    record("user.registered", user, actor_id=user.id, role=role)
    db.session.commit()
    return user


def _queue_verification(user: User) -> None:
    token = tokens.make_token(VERIFY, {"user": user.id, "email": user.email})
    queue_email(
        user.email,
        "Confirm your email address",
        "verify_email",
        verify_url=external_url("accounts.verify_email", token=token),
        hours=current_app.config["EMAIL_TOKEN_MAX_AGE"] // 3600,
    )


def resend_verification(user: User) -> None:
    if user.is_verified:
        return
    _queue_verification(user)
    record("user.verification_resent", user, actor_id=user.id)
    db.session.commit()


def verify_email(token: str) -> tuple[User, bool]:
    """Confirm the address: (user, whether this link confirmed it just now). Raises TokenExpired/TokenInvalid."""
    payload = tokens.read_token(VERIFY, token, current_app.config["EMAIL_TOKEN_MAX_AGE"])
    user = queries.get_user(int(payload.get("user", 0)))
    if user is None or user.email != payload.get("email"):
        raise tokens.TokenInvalid()
    if user.is_verified:
        return user, False
    user.email_verified_at = clock.now()
    record("user.email_verified", user, actor_id=user.id)
    db.session.commit()
    return user, True


# Signing in ---------------------------------------------------------------------------------


@dataclass
class SignInRefused(Exception):
    message: str


def authenticate(email: str, password: str) -> User:
    """The user for these credentials, or SignInRefused with a message that never says whether the email exists."""
    email = queries.normalise_email(email)
    throttle = queries.get_throttle(email) or SignInThrottle(email=email, failures=0)
    lock_minutes = current_app.config["SIGN_IN_LOCK_MINUTES"]
    if throttle.locked_until and throttle.locked_until > clock.now():
        passwords.check_password(None, password)  # same work as a real attempt
        raise SignInRefused(_locked_message(lock_minutes))
    user = queries.get_user_by_email(email)
    # Always verify a hash (a dummy one for an unknown email) so the time taken does not tell them apart.
    if not passwords.check_password(user.password_hash if user else None, password) or user is None:
        _count_failure(throttle, user, lock_minutes)
        if throttle.locked_until:
            raise SignInRefused(_locked_message(lock_minutes))
        raise SignInRefused("Enter a correct email address and password")
    _signed_in(user, throttle, password)
    return user


def _locked_message(minutes: int) -> str:
    return (
        f"There have been too many attempts to sign in with this email address. "
        f"Wait {minutes} minutes and try again, or reset your password"
    )


def _count_failure(throttle: SignInThrottle, user: User | None, lock_minutes: int) -> None:
    if throttle.locked_until and throttle.locked_until <= clock.now():
        throttle.failures, throttle.locked_until = 0, None
    throttle.failures += 1
    if throttle.failures >= current_app.config["SIGN_IN_MAX_FAILURES"]:
        throttle.locked_until = clock.now() + timedelta(minutes=lock_minutes)
    db.session.merge(throttle)
    if user is not None:
        record("user.sign_in_failed", user, actor_id=user.id, locked=bool(throttle.locked_until))
    db.session.commit()


def _signed_in(user: User, throttle: SignInThrottle, password: str) -> None:
    if throttle.failures:
        db.session.merge(SignInThrottle(email=throttle.email, failures=0, locked_until=None))
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_signed_in_at = clock.now()
    record("user.signed_in", user, actor_id=user.id)
    db.session.commit()


def record_sign_out(user: User) -> None:
    # Revoke the session server-side: a copy of the cookie (or another device's) stops working now.
    user.session_version += 1
    record("user.signed_out", user, actor_id=user.id)
    db.session.commit()


# Passwords ------------------------------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """Email a reset link if the account exists; the page says the same either way."""
    user = queries.get_user_by_email(email)
    if user is None:
        return
    token = tokens.make_token(RESET, {"user": user.id, "state": tokens.fingerprint(user.password_hash)})
    queue_email(
        user.email,
        "Reset your password",
        "reset_password",
        reset_url=external_url("accounts.reset_password", token=token),
        hours=current_app.config["PASSWORD_RESET_MAX_AGE"] // 3600,
    )
    record("user.password_reset_requested", user, actor_id=user.id)
    db.session.commit()


def user_for_reset_token(token: str) -> User:
    payload = tokens.read_token(RESET, token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = queries.get_user(int(payload.get("user", 0)))
    # The token carries a digest of the old hash, so it stops working once used.
    if user is None or payload.get("state") != tokens.fingerprint(user.password_hash):
        raise tokens.TokenInvalid()
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset_token(token)
    problem = passwords.password_problem(new_password, user.email)
    if problem:
        raise AccountError(problem, "password")
    _set_password(user, new_password)
    # A reset proves control of the inbox: it also confirms the email and lifts a lock.
    user.email_verified_at = user.email_verified_at or clock.now()
    db.session.merge(SignInThrottle(email=user.email, failures=0, locked_until=None))
    record("user.password_reset", user, actor_id=user.id)
    db.session.commit()
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not passwords.check_password(user.password_hash, current_password):
        raise AccountError("Your current password is incorrect", "current_password")
    problem = passwords.password_problem(new_password, user.email)
    if problem:
        raise AccountError(problem, "new_password")
    _set_password(user, new_password)
    record("user.password_changed", user, actor_id=user.id)
    queue_email(user.email, "Your password has been changed", "password_changed")
    db.session.commit()


def _set_password(user: User, new_password: str) -> None:
    user.password_hash = passwords.hash_password(new_password)
    user.session_version += 1


# Admin: users and buyer domains ----------------------------------------------------------------


def create_admin(email: str, password: str, *, full_name: str | None = None) -> User:
    email = queries.normalise_email(email)
    problem = passwords.password_problem(password, email)
    if problem:
        raise AccountError(problem, "password")
    user = queries.get_user_by_email(email)
    if user is None:
        user = User(email=email, password_hash=passwords.hash_password(password))
        db.session.add(user)
    else:
        user.password_hash = passwords.hash_password(password)
    user.role = ADMIN
    user.full_name = full_name or user.full_name
    user.email_verified_at = user.email_verified_at or clock.now()
    db.session.flush()
    record("user.made_admin", user)
    db.session.commit()
    return user


def normalise_domain(domain: str) -> str:
    return domain.strip().lower().lstrip("@").rstrip(".")


def add_buyer_domain(domain: str, *, added_by: User | None = None) -> BuyerEmailDomain:
    domain = normalise_domain(domain)
    if any(existing.domain == domain for existing in queries.list_buyer_domains()):
        raise AccountError(f"{domain} is already on the list", "domain")
    entry = BuyerEmailDomain(domain=domain, added_by_id=added_by.id if added_by else None)
    db.session.add(entry)
    db.session.flush()
    record("buyer_domain.added", entry, actor_id=added_by.id if added_by else None, domain=domain)
    db.session.commit()
    return entry


def remove_buyer_domain(entry: BuyerEmailDomain, *, removed_by: User) -> None:
    record("buyer_domain.removed", entry, actor_id=removed_by.id, domain=entry.domain)
    db.session.delete(entry)
    db.session.commit()


def seed_buyer_domains(domains: list[str]) -> int:
    """Add the configured domains when the list is empty (first start)."""
    if queries.list_buyer_domains():
        return 0
    for domain in domains:
        db.session.add(BuyerEmailDomain(domain=normalise_domain(domain)))
        record("buyer_domain.seeded", ("buyer_email_domains", domain), domain=domain)
    db.session.commit()
    return len(domains)

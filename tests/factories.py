"""Test data, built through the real services with unique defaults."""
from __future__ import annotations

import itertools

from flask import url_for

from marketplace.accounts import queries as account_queries
from marketplace.accounts import services as account_services
from marketplace.accounts import tokens
from marketplace.accounts.models import BUYER, SUPPLIER, User

PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def unique_email(prefix: str = "person", domain: str = "example.org") -> str:
    return f"{prefix}{next(_sequence)}@{domain}"


def create_user(*, email: str | None = None, password: str = PASSWORD, role: str = SUPPLIER, verified: bool = True, **overrides) -> User:
    if role == BUYER:
        email = email or unique_email("buyer", "camden.gov.uk")
        ensure_buyer_domain(email.rpartition("@")[2])
    email = email or unique_email()
    with _request_context():
        user = account_services.register(email, password, role=role, **overrides)
        if verified:
            account_services.verify_email(verification_token(user))
    return user


def create_buyer(**overrides) -> User:
    return create_user(role=BUYER, full_name=overrides.pop("full_name", "Bea Buyer"), **overrides)


def create_admin(email: str | None = None, password: str = PASSWORD) -> User:
    return account_services.create_admin(email or unique_email("admin", "camden.gov.uk"), password)


def ensure_buyer_domain(domain: str) -> None:
    if not any(entry.domain == domain for entry in account_queries.list_buyer_domains()):
        account_services.add_buyer_domain(domain)


def verification_token(user: User) -> str:
    with _request_context():
        return tokens.make_token(account_services.VERIFY, {"user": user.id, "email": user.email})


def reset_token(user: User) -> str:
    with _request_context():
        return tokens.make_token(account_services.RESET, {"user": user.id, "state": tokens.fingerprint(user.password_hash)})


def _request_context():
    from flask import current_app

    return current_app.test_request_context()


def sign_in(client, user: User, password: str = PASSWORD):
    page = client.get("accounts.sign_in")
    return client.submit(page, email=user.email, password=password, expected=302)


__all__ = ["PASSWORD", "create_user", "create_buyer", "create_admin", "sign_in", "url_for"]

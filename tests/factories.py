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


def create_user(
    *, email: str | None = None, password: str = PASSWORD, role: str = SUPPLIER, verified: bool = True, **overrides
) -> User:
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
        return tokens.make_token(
            account_services.RESET, {"user": user.id, "state": tokens.fingerprint(user.password_hash)}
        )


def _request_context():
    from flask import current_app

    return current_app.test_request_context()


def sign_in(client, user: User, password: str = PASSWORD):
    page = client.get("accounts.sign_in")
    return client.submit(page, email=user.email, password=password, expected=302)


__all__ = ["PASSWORD", "create_user", "create_buyer", "create_admin", "sign_in", "url_for"]


# Supplier organisations ----------------------------------------------------------------------

COMPLETE_ABOUT = {
    "legal_form": "sole-trader",
    "postcode": "NW5 1TL",
    "staff_band": "1-10",
    "turnover_band": "up-to-1m",
    "is_vcse": False,
    "supported_employment": False,
    "public_service_mutual": False,
}


def create_organisation(owner: User | None = None, *, complete: bool = True, published: bool = False, **details):
    """An organisation owned by `owner` (a new verified supplier by default), via the real services."""
    from marketplace.suppliers import services as supplier_services
    from marketplace.suppliers.commands import AboutAnswers, WorkAnswers

    owner = owner or create_user()
    categories = details.pop("categories", ["90"])
    summary = details.pop("summary", "We clean estates and community buildings in Camden.")
    base_ward = details.pop("base_ward", "kentish-town-north")  # kept only if the postcode is in the borough
    about = {
        "name": details.pop("name", f"Organisation {next(_sequence)}"),
        **(COMPLETE_ABOUT if complete else {}),
        **details,
    }
    organisation = supplier_services.create_organisation(owner, AboutAnswers(**about))
    if complete or published:
        supplier_services.update_work(
            organisation,
            owner,
            WorkAnswers(
                summary=summary,
                categories=categories,
                areas=["kentish-town-north", "whole-borough"],
                base_ward=base_ward,
            ),
        )
    if published:
        supplier_services.publish(organisation, owner)
    return organisation


def owner_of(organisation) -> User:
    from marketplace.suppliers import queries as supplier_queries

    return next(m.user for m in supplier_queries.list_members(organisation.id) if m.role == "owner")

from __future__ import annotations

from sqlalchemy import func, select

from marketplace.accounts.models import BuyerEmailDomain, SignInThrottle, User
from marketplace.extensions import db


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def get_throttle(email: str) -> SignInThrottle | None:
    return db.session.get(SignInThrottle, normalise_email(email))


def list_buyer_domains() -> list[BuyerEmailDomain]:
    return list(db.session.scalars(select(BuyerEmailDomain).order_by(BuyerEmailDomain.domain)))


def get_buyer_domain(domain_id: int) -> BuyerEmailDomain | None:
    return db.session.get(BuyerEmailDomain, domain_id)


def is_buyer_domain(email: str) -> bool:
    domain = normalise_email(email).rpartition("@")[2]
    return db.session.scalar(select(BuyerEmailDomain.id).where(BuyerEmailDomain.domain == domain)) is not None


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0

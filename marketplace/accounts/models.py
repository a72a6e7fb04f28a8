from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import now
from marketplace.extensions import Model

SUPPLIER = "supplier"
BUYER = "buyer"
ADMIN = "admin"
ROLES = (SUPPLIER, BUYER, ADMIN)


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=SUPPLIER)
    full_name: Mapped[str | None] = mapped_column(String(200))
    email_verified_at: Mapped[datetime | None]
    # Bumped on password change so every other signed-in session ends.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=now)
    last_signed_in_at: Mapped[datetime | None]

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_supplier(self) -> bool:
        return self.role == SUPPLIER

    @property
    def is_buyer(self) -> bool:
        return self.role == BUYER

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


class SignInThrottle(Model):
    """Failed sign-ins per email address, kept whether or not an account exists,
    so a locked-out response never reveals which emails are registered."""

    __tablename__ = "sign_in_throttles"

    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]


class BuyerEmailDomain(Model):
    __tablename__ = "buyer_email_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)

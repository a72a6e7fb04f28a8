"""Starter guides shipped in the repository (content/*.md, Markdown with front matter), loaded by
`flask guides load` and `flask demo load`. They are published as version 1 straight away: they were reviewed
as code, so a second editor in the service is not needed. A guide whose address exists already is left alone.

Front matter, between two lines of ---:

    slug: first-bid
    title: Bidding for a council contract for the first time
    summary: One paragraph, 60 words or fewer.
    topics: how-to-bid, procurement-act
    audience: suppliers
    review_months: 6
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marketplace.accounts.models import ADMIN, User
from marketplace.extensions import db
from marketplace.guides import queries, services

CONTENT = Path(__file__).parent / "content"


@dataclass(frozen=True)
class StarterGuide:
    slug: str
    title: str
    summary: str
    topics: list[str]
    audience: str
    review_months: int
    body: str


def parse(text: str) -> StarterGuide:
    head, _, body = text.removeprefix("---\n").partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip().strip('"')
    return StarterGuide(
        slug=meta["slug"],
        title=meta["title"],
        summary=meta["summary"],
        topics=[topic.strip() for topic in meta["topics"].split(",") if topic.strip()],
        audience=meta.get("audience", "suppliers"),
        review_months=int(meta.get("review_months", "12")),
        body=body.strip() + "\n",
    )


def starter_guides() -> list[StarterGuide]:
    return [parse(path.read_text(encoding="utf-8")) for path in sorted(CONTENT.glob("*.md"))]


def load_starter_guides(*, owner_email: str | None = None) -> int:
    """Create and publish each starter guide not already there; returns how many were created."""
    owner = (
        db.session.scalar(db.select(User).where(User.email == owner_email))
        if owner_email
        else db.session.scalar(db.select(User).where(User.role == ADMIN).order_by(User.id))
    )
    if owner is None:
        raise services.GuideError("Create an admin first (flask users create-admin EMAIL): guides need an owner")
    created = 0
    for starter in starter_guides():
        if queries.get_by_slug(starter.slug) is not None:
            continue
        services.import_published(
            owner,
            slug=starter.slug,
            title=starter.title,
            summary=starter.summary,
            body=starter.body,
            topics=starter.topics,
            audience=starter.audience,
            owner_id=owner.id,
            review_months=starter.review_months,
        )
        created += 1
    return created

"""What a guide's pages show: its published version rendered, contents, review dates and history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from markupsafe import Markup

from marketplace import clock
from marketplace.guides import rules
from marketplace.guides.models import Guide
from marketplace.markdown import headings, render_rich_markdown
from marketplace.working_days import london_date


def render_body(guide: Guide, body: str) -> Markup:
    images = {a.filename: a for a in guide.attachments if a.is_image}

    def image_src(source: str) -> str | None:
        attachment = images.get(source.removeprefix(rules.IMAGE_PREFIX)) if source.startswith("attachment:") else None
        if attachment is None:
            return None
        return url_for("guides.attachment", slug=guide.slug, attachment_id=attachment.id)

    return render_rich_markdown(body, image_src=image_src)


def contents(body: str) -> list[tuple[str, str]]:
    found = headings(body)
    return found if len(found) >= rules.LONG_GUIDE_HEADINGS else []


@dataclass(frozen=True)
class ReviewDates:
    last_reviewed: date | None
    due: date | None
    state: str | None  # "overdue", "due-soon" or None


def review_dates(guide: Guide) -> ReviewDates:
    due = rules.next_review_due(guide)
    return ReviewDates(guide.last_reviewed_on, due, rules.review_state(due, london_date(clock.now())))

"""Readers' pages: Help and guidance (by topic, or searched), a guide, its files, and feedback."""

from __future__ import annotations

import logging

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import clock
from marketplace.events import queries as event_queries
from marketplace.guides import bp, display, queries, rules, search_documents, services
from marketplace.guides.forms import FeedbackForm
from marketplace.search.healing import SearchUnavailable
from marketplace.storage import ObjectNotFound, get_storage
from marketplace.suppliers.access import current_membership

log = logging.getLogger(__name__)
MAX_QUERY = 200


def _chosen(name: str, allowed) -> list[str]:
    return [value for value in request.args.getlist(name) if value in allowed]


@bp.get("/guides")
def index():
    text = (request.args.get("q") or "").strip()[:MAX_QUERY]
    topics, audience = _chosen("topic", rules.TOPICS), _chosen("audience", ("suppliers", "buyers"))
    guides = queries.list_live()
    if not text and not topics and not audience:
        groups = [
            (slug, label, [g for g in guides if g.live_version and slug in g.live_version.topics])
            for slug, label in rules.TOPICS.items()
        ]
        return render_template("guides/index.html", groups=[g for g in groups if g[2]], text="", searched=False)
    results, facets, suggestion, unavailable = [], {}, None, False
    try:
        ids, highlights, facets, suggestion = search_documents.search(text, topics=topics, audience=audience)
    except SearchUnavailable:
        unavailable = True
    else:
        by_id = {guide.id: guide for guide in guides}
        results = [(by_id[i], highlights.get(i, {})) for i in ids if i in by_id]
    return render_template(
        "guides/index.html",
        searched=True,
        text=text,
        results=results,
        facets=facets,
        topics=topics,
        audience=audience,
        suggestion=suggestion,
        unavailable=unavailable,
    )


def _live_or_404(slug: str):
    guide = queries.get_by_slug(slug)
    if guide is None or guide.live_number is None:
        abort(404)
    return guide


@bp.get("/guides/<slug>")
def show(slug: str):
    guide = _live_or_404(slug)
    if not guide.is_live:  # archived: say so, and point to what replaced it
        replacement = queries.get_guide(guide.replacement_id) if guide.replacement_id else None
        return render_template("guides/archived.html", guide=guide, replacement=replacement), 410
    membership = current_membership() if current_user.is_authenticated and current_user.is_supplier else None
    services.record_view(
        guide,
        user_id=current_user.id if current_user.is_authenticated else None,
        organisation_id=membership.organisation_id if membership else None,
    )
    return _render_guide(guide, FeedbackForm(formdata=None))


def _render_guide(guide, form, status: int = 200):
    version = guide.live_version
    events = [
        event
        for event in (event_queries.get_event(event_id) for event_id in queries.placed_event_ids(guide.id))
        if event is not None and event.is_public and event.ends_at >= clock.now()
    ]
    return render_template(
        "guides/show.html",
        guide=guide,
        version=version,
        body=display.render_body(guide, version.body),
        contents=display.contents(version.body),
        review=display.review_dates(guide),
        history=[v for v in guide.versions if v.is_major],
        events=sorted(events, key=lambda e: e.starts_at),
        attachments=[a for a in guide.attachments if not a.is_image],
        form=form,
        editor=queries.is_editor(current_user),
    ), status


@bp.post("/guides/<slug>/feedback")
def feedback(slug: str):
    guide = _live_or_404(slug)
    if not guide.is_live:
        abort(404)
    form = FeedbackForm()
    if not form.validate():
        return _render_guide(guide, form, 400)
    services.record_feedback(guide, useful=form.useful.data == "yes", comment=form.comment.data, user=current_user)
    return redirect(url_for("guides.thanks", slug=guide.slug))


@bp.get("/guides/<slug>/feedback/thanks")
def thanks(slug: str):
    guide = _live_or_404(slug)
    return render_template("guides/thanks.html", guide=guide)


@bp.get("/guides/<slug>/files/<int:attachment_id>")
def attachment(slug: str, attachment_id: int):
    guide = queries.get_by_slug(slug) or abort(404)
    if not (guide.is_live or queries.is_editor(current_user)):
        abort(404)
    found = queries.get_attachment(guide.id, attachment_id) or abort(404)
    try:
        return get_storage().download_response(
            found.storage_key, filename=found.filename, content_type=found.content_type
        )
    except ObjectNotFound:
        log.error("Guide attachment %s points at a missing object", found.id)
        abort(404)

"""Public notice pages: the searchable list, one notice, its documents and the Atom feed."""

from __future__ import annotations

import logging
from typing import Any

from flask import Response, abort, render_template, request
from flask_login import current_user

from marketplace import clock, slots
from marketplace.links import external_request_url, external_url
from marketplace.notices import bp, choices, feed, filters, queries, rules
from marketplace.notices.access import can_manage, visible_notice_or_404
from marketplace.notices.interest import queries as interest_queries
from marketplace.storage import ObjectNotFound, get_storage
from marketplace.suppliers.access import current_membership

log = logging.getLogger(__name__)


def _template_globals(state) -> None:
    """Labels our partials use on other domains' pages."""
    state.app.jinja_env.globals.update(notice_labels=choices, notice_rules=rules)


bp.record_once(_template_globals)


@bp.get("/notices")
def index():
    missions = queries.list_missions()
    criteria = filters.criteria_from_args(request.args, missions=missions)
    results = queries.search_notices(criteria, list_page=True)
    return render_template(
        "notices/index.html",
        criteria=criteria,
        results=results,
        options=filters.filter_options(criteria, missions),
        filtered=filters.is_filtered(criteria),
        as_args=filters.as_args,
        now=clock.now(),
    )


@bp.get("/notices/feed.atom")
def atom_feed():
    criteria = filters.criteria_from_args(request.args, page_size=50)
    criteria.page = 1
    results = queries.search_notices(criteria)
    # Any: url_for types its own keywords (_anchor, …) as str, and mypy checks every unpacked value against them.
    args: dict[str, Any] = filters.as_args(criteria)
    body = feed.atom(
        results.notices,
        self_url=external_request_url(),
        page_url=external_url("notices.index", **args),
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/notices/<int:notice_id>")
def show(notice_id: int):
    notice = visible_notice_or_404(notice_id)
    return render_template("notices/show.html", notice=notice, **_page_context(notice))


def _page_context(notice) -> dict:
    membership = current_membership() if current_user.is_authenticated and current_user.is_supplier else None
    interest = interest_queries.get_interest(notice.id, membership.organisation_id) if membership else None
    manager = can_manage(notice)
    return {
        "manager": manager,
        "membership": membership,
        "interest": interest,
        "related": slots.gather("notices.show.related", notice=notice, manager=manager),
        "questions": _questions(notice),
        "now": clock.now(),
    }


def _questions(notice) -> dict:
    """Published Q&A for everyone; a supplier also sees what their organisation asked."""
    from marketplace.notices.clarifications import queries as clarifications

    membership = current_membership() if current_user.is_authenticated and current_user.is_supplier else None
    return {
        "published": clarifications.list_published(notice.id),
        "own": clarifications.list_asked_by(notice.id, membership.organisation_id) if membership else [],
        "open": notice.questions_open(),
    }


@bp.get("/notices/<int:notice_id>/documents/<int:document_id>")
def download_document(notice_id: int, document_id: int):
    notice = visible_notice_or_404(notice_id)
    document = queries.get_document(document_id)
    if document is None or document.notice_id != notice.id:
        abort(404)
    try:
        return get_storage().download_response(
            document.storage_key, filename=document.filename, content_type=document.content_type
        )
    except ObjectNotFound:
        log.error("Notice document %s points at missing object %s", document.id, document.storage_key)
        abort(404)

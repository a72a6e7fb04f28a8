"""Public pages: the searchable list of opportunities, one opportunity, its documents, the Atom feed."""

from __future__ import annotations

import logging
from typing import Any

from flask import Response, abort, render_template, request
from flask_login import current_user

from marketplace import clock, slots
from marketplace.links import external_request_url, external_url
from marketplace.notices.queries import list_missions
from marketplace.opportunities import audience, bp, choices, feed, filters, listing, queries, rules
from marketplace.opportunities.access import can_manage, is_owner, visible_or_404
from marketplace.opportunities.bids import eligibility, sealing
from marketplace.opportunities.bids import rules as bid_rules
from marketplace.storage import ObjectNotFound, get_storage

log = logging.getLogger(__name__)


def _template_globals(state) -> None:
    state.app.jinja_env.globals.update(opportunity_labels=choices, opportunity_rules=rules, bid_rules=bid_rules)


bp.record_once(_template_globals)


def _criteria(args, **kwargs):
    criteria = filters.criteria_from_args(args, **kwargs)
    viewer = sealing.viewer_for(current_user)
    if criteria.open_to_me and viewer.organisation_id is not None:
        criteria.open_to_organisation = viewer.organisation_id
        criteria.open_to_lots = audience.lots_of(viewer.organisation_id)
    return criteria, viewer


@bp.get("/opportunities")
def index():
    missions = list_missions()
    criteria, viewer = _criteria(request.args, missions=missions)
    results = queries.search(criteria, list_page=True)
    now = clock.now()
    return render_template(
        "opportunities/index.html",
        criteria=criteria,
        results=results,
        rows=listing.rows(results, now=now),
        pagination=listing.pagination(results, filters.as_args(criteria)),
        options=filters.filter_options(
            criteria, can_be_open_to_me=viewer.organisation_id is not None, missions=missions
        ),
        filtered=filters.is_filtered(criteria),
        as_args=filters.as_args,
        now=now,
    )


@bp.get("/opportunities/feed.atom")
def atom_feed():
    criteria, _ = _criteria(request.args, page_size=50)
    criteria.page = 1
    results = queries.search(criteria)
    # Any: url_for types its own keywords (_anchor, …) as str, and mypy checks every unpacked value against them.
    args: dict[str, Any] = filters.as_args(criteria)
    body = feed.atom(
        results.opportunities,
        self_url=external_request_url(),
        page_url=external_url("opportunities.index", **args),
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opportunities/<int:opportunity_id>")
def show(opportunity_id: int):
    opportunity = visible_or_404(opportunity_id)
    return render_template("opportunities/show.html", opportunity=opportunity, **_page_context(opportunity))


def _page_context(opportunity) -> dict:
    from marketplace.notices.queries import get_public_notice
    from marketplace.opportunities import clarifications

    viewer = sealing.viewer_for(current_user)
    own = sealing.own_bid(viewer, opportunity.id)
    joint = sealing.joint_bid(viewer, opportunity.id) if own is None else None
    membership_org = None
    if viewer.organisation_id is not None and own is None and joint is None and rules.is_open(opportunity):
        from marketplace.suppliers.queries import get_organisation

        membership_org = get_organisation(viewer.organisation_id)
    return {
        "manager": can_manage(opportunity),
        "owner": is_owner(opportunity),
        "viewer": viewer,
        "own_bid": own,
        "joint_bid": joint,
        "eligibility": eligibility.check(opportunity, membership_org) if membership_org else None,
        "submitted": sealing.count_submitted(opportunity.id) if can_manage(opportunity) else None,
        "notice": get_public_notice(opportunity.notice_id) if opportunity.notice_id else None,
        "lot_label": audience.lot_options().get(opportunity.lot_id or "", opportunity.lot_id),
        "questions": clarifications.for_page(opportunity, viewer),
        # Evaluation (a higher domain): the public award, standstill, the bidder's status, the panel's links.
        "evaluation_panels": slots.gather(
            "opportunities.show.evaluation", opportunity=opportunity, viewer=viewer, user=current_user
        ),
        "now": clock.now(),
    }


@bp.get("/opportunities/<int:opportunity_id>/documents/<int:document_id>")
def download_document(opportunity_id: int, document_id: int):
    opportunity = visible_or_404(opportunity_id)
    document = queries.get_document(opportunity.id, document_id) or abort(404)
    try:
        return get_storage().download_response(
            document.storage_key, filename=document.filename, content_type=document.content_type
        )
    except ObjectNotFound:
        log.error("Opportunity document %s points at a missing object", document.id)
        abort(404)

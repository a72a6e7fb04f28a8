"""The supplier search page: public for published profiles, with buyer tools when signed in as a buyer."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from marketplace.suppliers.search import bp, params, queries


@bp.get("/suppliers")
def suppliers():
    lots = params.lot_labels()
    search = params.parse(request.args, lot_ids=set(lots))
    results = queries.search_suppliers(search)
    return render_template(
        "search/suppliers.html",
        results=results,
        search=search,
        filters=params.filter_labels() | {"framework_lots": lots},
        titles=params.FILTER_TITLES,
        sorts=params.SORTS,
        is_buyer=current_user.is_authenticated and (current_user.is_buyer or current_user.is_admin),
        pagination=params.pagination,
        facet_filters=params.facet_filters,
    )

"""The list pages' pagination partial renders exactly what govukPagination does for the same parameters."""

from __future__ import annotations

import pytest

from marketplace.template_helpers import page_window


def _params(page: int, pages: int) -> dict:
    # An address with characters that must be escaped, as a search's words can be.
    href = '/notices?q=a+%22b%22&amp;c<d>&page={}'
    return {
        "previous": {"href": href.format(page - 1)} if page > 1 else None,
        "next": {"href": href.format(page + 1)} if page < pages else None,
        "items": [
            {"number": number, "href": href.format(number), "current": number == page} if number else {"ellipsis": True}
            for number in page_window(page, pages)
        ],
    }


@pytest.mark.parametrize("pages", [1, 2, 3, 5, 9])
def test_the_partial_is_the_component_for_every_page(app, pages):
    with app.test_request_context("/"):
        component = app.jinja_env.get_template("govuk_frontend_jinja/components/pagination/macro.html").module
        partial = app.jinja_env.get_template("partials/pagination.html").module
        for page in range(1, pages + 1):
            params = _params(page, pages)
            assert str(partial.pagination(params)) == str(component.govukPagination(params)), (page, pages)

"""The list pages' partials render exactly what the GOV.UK components they stand in for render."""

from __future__ import annotations

import pytest

from marketplace.template_helpers import page_window


def _params(page: int, pages: int) -> dict:
    # An address with characters that must be escaped, as a search's words can be.
    href = "/notices?q=a+%22b%22&amp;c<d>&page={}"
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


@pytest.mark.parametrize("value", ["", "estate cleaning", '"estate cleaning" -windows <b>&amp;</b>'])
@pytest.mark.parametrize("hint", ["", 'Use "quotes" for a phrase'])
@pytest.mark.parametrize("spellcheck", [True, False])
def test_the_search_field_is_the_input_component(app, value, hint, spellcheck):
    params = {"label": {"text": "Search notices", "classes": "govuk-label--s"}, "id": "q", "name": "q"}
    params |= {"value": value, "type": "search", "spellcheck": spellcheck} | ({"hint": {"text": hint}} if hint else {})
    with app.test_request_context("/"):
        component = app.jinja_env.get_template("govuk_frontend_jinja/components/input/macro.html").module
        partial = app.jinja_env.get_template("partials/filter_fields.html").module
        field = partial.search_field("q", "Search notices", value, spellcheck=spellcheck, hint=hint)
        assert str(field) == str(component.govukInput(params))


def test_select_options_are_escaped_and_marked():
    from marketplace.template_helpers import select_options

    items = [{"value": "", "text": "Any", "selected": True}, {"value": 'a"b', "text": "<Parks & gardens>"}]
    assert select_options(items) == (
        '<option value="" selected>Any</option>\n<option value="a&#34;b">&lt;Parks &amp; gardens&gt;</option>\n'
    )


@pytest.mark.parametrize("classes", ["", "govuk-summary-list--no-border"])
def test_the_summary_list_is_the_component_for_rows_of_text(app, classes):
    rows = [
        {"key": {"text": "Legal name"}, "value": {"text": 'Fleet Road "Repairs" <Ltd> & Sons'}},
        {"key": {"text": "The problem"}, "value": {"text": "Two lines\nof text"}},
        {"key": {"text": "Website"}, "value": {"text": ""}},
    ]
    with app.test_request_context("/"):
        component = app.jinja_env.get_template("govuk_frontend_jinja/components/summary-list/macro.html").module
        partial = app.jinja_env.get_template("partials/summary_list.html").module
        expected = component.govukSummaryList({"rows": rows} | ({"classes": classes} if classes else {}))
        assert str(partial.summary_list(rows, classes=classes)) == str(expected)


@pytest.mark.parametrize("caption", ["", "Documents from Fleet Road <Repairs>"])
def test_the_table_is_the_component_for_text_and_html_cells(app, caption):
    head = [{"text": "Theme"}, {"text": "Amount & period"}]
    rows = [
        [{"text": "Jobs: <local> skills"}, {"html": '<a class="govuk-link" href="/x?a=1&amp;b=2">Evidence</a>'}],
        [{"text": ""}, {"html": "\n  Expires 1 May 2027\n"}],
    ]
    classes = "govuk-visually-hidden" if caption else ""
    params = {"head": head, "rows": rows} | ({"caption": caption, "captionClasses": classes} if caption else {})
    with app.test_request_context("/"):
        component = app.jinja_env.get_template("govuk_frontend_jinja/components/table/macro.html").module
        partial = app.jinja_env.get_template("partials/table.html").module
        expected = component.govukTable(params)
        assert str(partial.table(head, rows, caption=caption, caption_classes=classes)) == str(expected)

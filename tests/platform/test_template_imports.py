"""GOV.UK components import their helpers on every call; those imports reuse one module and stay cheap."""

from __future__ import annotations

from collections import Counter
from unittest import mock

import jinja2

from tests.factories import create_buyer, sign_in
from tests.notices.factories import create_notice


def _modules_made_while(action) -> Counter:
    """Runs `action`, counting `Template.make_module` calls (a template module built afresh) by template name."""
    made: Counter = Counter()
    make_module = jinja2.Template.make_module

    def counted(template, *args, **kwargs):
        made[template.name] += 1
        return make_module(template, *args, **kwargs)

    with mock.patch.object(jinja2.Template, "make_module", autospec=True, side_effect=counted):
        action()
    return made


def test_a_page_seen_again_builds_no_template_module(app, client):
    buyer = create_buyer()
    for number in range(3):
        create_notice(buyer, title=f"Estate cleaning lot {number}")
    pages = ["/", "/notices", "/sign-in"]

    def visit():
        for path in pages:
            client.get(path)

    visit()  # first visits load and compile the templates
    assert _modules_made_while(visit) == Counter()

    sign_in(client, buyer)  # a signed-in page: more globals in its context (current_user, the account links)
    client.get("/notices")
    assert _modules_made_while(lambda: client.get("/notices")) == Counter()


def test_more_components_on_a_page_build_no_more_modules(app):
    def render(buttons: int):
        source = (
            '{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}'
            "{% for n in range(count) %}{{ govukButton({'text': 'Save ' ~ n}) }}{% endfor %}"
        )
        with app.test_request_context("/"):
            app.jinja_env.from_string(source).render(count=buttons)

    render(1)
    assert _modules_made_while(lambda: render(1)) == _modules_made_while(lambda: render(20)) == Counter()


def test_an_app_global_added_after_templates_load_does_not_rebuild_modules(app, client):
    client.get("/")
    app.jinja_env.globals["added_later"] = "a global the components were not loaded with"
    try:
        assert _modules_made_while(lambda: client.get("/")) == Counter()
    finally:
        del app.jinja_env.globals["added_later"]


def test_an_import_compares_globals_as_a_set_not_key_by_key(app):
    """Jinja asks on each import which of the context's globals the imported template lacks; answered from a
    `dict_keys` view that takes ~1 us, from a ChainMap's keys view ~30 globals cost 25-50 us an import."""
    component = app.jinja_env.get_template("govuk_frontend_jinja/macros/attributes.html")

    assert isinstance(component.globals.keys(), type({}.keys()))
    assert set(component.globals.keys()) == set(app.jinja_env.globals)


def test_the_layout_parts_rendered_once_a_process_are_everyones_and_the_navigation_is_each_users(app, client):
    anonymous = client.get("/").soup
    buyer = create_buyer()
    sign_in(client, buyer)
    signed_in = client.get("/").soup

    for selector in (".govuk-header", ".govuk-phase-banner", ".govuk-footer"):
        assert str(signed_in.select_one(selector)) == str(anonymous.select_one(selector)), selector
    assert "Sign out" in signed_in.select_one(".govuk-service-navigation").text
    assert "Sign out" not in anonymous.select_one(".govuk-service-navigation").text
    assert app.config["FEEDBACK_EMAIL"] in signed_in.select_one(".govuk-phase-banner").text


def test_while_templates_reload_the_layout_parts_are_rendered_each_time(app, client):
    app.jinja_env.auto_reload = True  # development: an edit to the footer or banner shows on the next request
    client.get("/")
    app.config["FEEDBACK_EMAIL"] = "changed@camden.gov.uk"

    assert "changed@camden.gov.uk" in client.get("/").soup.select_one(".govuk-phase-banner").text

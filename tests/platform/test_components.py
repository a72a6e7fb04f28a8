"""`component()` renders a GOV.UK component through its own macro and reuses the markup for equal parameters."""

from __future__ import annotations

from unittest import mock

from markupsafe import Markup

from marketplace import components
from marketplace.components import component

TAG = {"text": "Open", "classes": "govuk-tag--green"}


def _macro_output(app, template: str, name: str, params) -> str:
    return str(getattr(app.jinja_env.get_template(template).module, name)(params))


def test_the_markup_is_the_components_own(app):
    params = {"rows": [{"key": {"text": "Ward"}, "value": {"text": "Camden Town"}}]}
    expected = _macro_output(app, "govuk_frontend_jinja/components/summary-list/macro.html", "govukSummaryList", params)
    with app.test_request_context():
        assert str(component("govukSummaryList", params)) == expected


def test_equal_parameters_are_rendered_once(app):
    with app.test_request_context(), mock.patch.object(components, "_macro", wraps=components._macro) as macro:
        first = component("govukTag", dict(TAG))
        again = component("govukTag", dict(TAG))
        other = component("govukTag", {"text": "Closed", "classes": "govuk-tag--grey"})
    assert first is again and first != other
    assert macro.call_count == 2


def test_text_is_escaped_and_markup_is_not_confused_with_it(app):
    with app.test_request_context():
        as_text = component("govukInsetText", {"text": "<b>bold</b>"})
        as_html = component("govukInsetText", {"html": Markup("<b>bold</b>")})
        text_that_looks_like_markup = component("govukTag", {"text": Markup("<b>x</b>")})
        plain_text = component("govukTag", {"text": "<b>x</b>"})
    assert "&lt;b&gt;bold&lt;/b&gt;" in as_text and "<b>bold</b>" in as_html
    assert text_that_looks_like_markup != plain_text


def test_true_and_one_are_different_parameters(app):
    with app.test_request_context():
        spellchecked = component("govukInput", {"name": "q", "id": "q", "label": {"text": "Q"}, "spellcheck": True})
        numbered = component("govukInput", {"name": "q", "id": "q", "label": {"text": "Q"}, "spellcheck": 1})
    assert 'spellcheck="true"' in spellchecked
    assert spellchecked is not numbered


def test_parameters_that_cannot_be_kept_are_rendered_each_time(app):
    with app.test_request_context(), mock.patch.object(components, "_macro", wraps=components._macro) as macro:
        for _ in range(2):
            component("govukTag", {"text": "Open", "attributes": {"data-x": object()}})
    assert macro.call_count == 2


def test_the_store_is_emptied_when_full(app, monkeypatch):
    monkeypatch.setattr(components, "MAX_KEPT", 3)
    with app.test_request_context():
        for number in range(5):
            component("govukTag", {"text": f"Tag {number}"})
        assert len(app.extensions["components"]) <= 3


def test_the_store_is_emptied_when_its_markup_is_too_long(app, monkeypatch):
    monkeypatch.setattr(components, "MAX_KEPT_CHARS", 300)
    with app.test_request_context():
        for number in range(20):
            component("govukTag", {"text": f"Tag {number}"})
        kept = app.extensions["components"]
        assert 0 < len(kept) < 20
        assert sum(len(markup) for markup in kept.values()) <= 300 == components.MAX_KEPT_CHARS
        assert app.extensions["components_chars"] == sum(len(markup) for markup in kept.values())


def test_templates_reloading_in_development_render_every_time(app):
    app.jinja_env.auto_reload = True
    with app.test_request_context(), mock.patch.object(components, "_macro", wraps=components._macro) as macro:
        component("govukTag", dict(TAG))
        component("govukTag", dict(TAG))
    assert macro.call_count == 2

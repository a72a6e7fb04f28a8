"""A lower domain's page shows what higher domains put in its slots, without importing them."""

from __future__ import annotations

from flask import Flask

from marketplace import slots


def _app() -> Flask:
    return Flask(__name__)


def test_a_slot_gathers_panels_from_every_provider_in_order():
    app = _app()
    slots.fill(app, "notices.show.related", lambda notice: slots.Panel("a.html", {"n": notice}))
    slots.fill(app, "notices.show.related", lambda notice: slots.Panel("b.html", {"n": notice * 2}))
    with app.app_context():
        panels = slots.gather("notices.show.related", notice=2)
    assert [(panel.template, panel.n) for panel in panels] == [("a.html", 2), ("b.html", 4)]


def test_a_provider_with_nothing_to_add_gives_no_panel():
    app = _app()
    slots.fill(app, "dashboard", lambda **context: None)
    with app.app_context():
        assert slots.gather("dashboard", user=None) == []


def test_an_empty_slot_gathers_nothing():
    with _app().app_context():
        assert slots.gather("nobody.fills.this") == []

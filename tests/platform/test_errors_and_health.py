from __future__ import annotations

import json

from marketplace.extensions import db


def test_unknown_page_gets_a_govuk_not_found_page(client):
    page = client.get("/no-such-page", expected=404)
    assert page.heading == "Page not found"


def test_too_large_upload_gets_a_clear_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    page = client.post("accounts.sign_in", data={"email": "x" * 5000}, expected=413)
    assert page.heading == "What you sent is too large"


def test_unexpected_error_gets_a_friendly_page_and_rolls_back(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise ValueError("kaboom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.get_data(as_text=True)
    assert "kaboom" not in response.get_data(as_text=True)


def test_healthz_reports_the_database(client):
    response = client.client.get("/healthz")
    body = json.loads(response.data)
    assert response.status_code == 200
    assert body["status"] == "ok" and body["database"]["ok"] is True


def test_healthz_reports_a_broken_part_as_degraded(app, client):
    from marketplace.health import register_check

    def broken():
        raise ConnectionError("down")

    register_check(app, "search", broken)
    response = client.client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.data)["search"] == {"ok": False, "error": "ConnectionError"}


def test_static_and_template_folders_exist(app):
    from pathlib import Path

    assert Path(app.template_folder).is_dir() and Path(app.static_folder).is_dir()


def test_policy_pages_are_linked_from_every_page(client):
    page = client.get("pages.home")
    footer_links = {a.get_text(strip=True) for a in page.soup.select("footer a")}
    assert {"Accessibility statement", "Privacy notice", "Cookies"} <= footer_links
    for endpoint in ("pages.accessibility", "pages.privacy", "pages.cookies"):
        client.get(endpoint)


def test_header_names_the_council_and_shows_no_crown(client):
    page = client.get("pages.home")
    assert "Camden Council" in page.soup.select_one("header").get_text()
    assert "govuk-logo" not in page.html and "Crown copyright" not in page.html


def test_dev_email_page_is_hidden_outside_development(app, client):
    app.config["DEV_MAIL_PAGE"] = False
    client.get("mail.list_emails", expected=404)


_ = db

"""Alerts: suppliers opt in to a digest of new matching notices, through the outbox, at most one a day."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from marketplace.mail.queries import list_emails_to
from marketplace.notices.alerts.services import save_preferences, send_due_digests
from tests.factories import create_organisation, owner_of, sign_in
from tests.notices.factories import create_notice


def _digests(user) -> list:
    return [email for email in list_emails_to(user.email) if "council notice" in email.subject]


def _subscriber(**preferences):
    organisation = create_organisation(published=True)  # categories ["90"], wards kentish-town-north + whole borough
    user = owner_of(organisation)
    save_preferences(
        user, match_categories=preferences.get("categories", True), match_wards=preferences.get("wards", True)
    )
    return user


def test_supplier_opts_in_on_the_alerts_page(client):
    organisation = create_organisation(published=True)
    sign_in(client, owner_of(organisation))
    client.submit(client.get("notices.alerts"), send_for=["categories"], expected=302)
    page = client.follow()
    assert page.soup.find("input", attrs={"value": "categories"}).has_attr("checked")
    client.submit(page, send_for=[], expected=302)
    assert "You will not get emails" in client.follow().text


def test_digest_lists_matching_new_notices_only(app):
    user = _subscriber(wards=False)
    clock.freeze(clock.now() + timedelta(minutes=1))
    create_notice(title="Estate cleaning", categories=["909"])  # a group of the supplier's division 90
    create_notice(title="Road resurfacing", categories=["45"])
    create_notice(title="Draft cleaning", categories=["90"], published=False)
    clock.freeze(clock.now() + timedelta(minutes=1))
    with app.test_request_context():
        assert send_due_digests().sent == 1
    [digest] = _digests(user)
    assert "Estate cleaning" in digest.body and "Road resurfacing" not in digest.body and "Draft" not in digest.body


def test_ward_matching_and_whole_borough(app):
    user = _subscriber(categories=False)  # the organisation serves the whole borough
    clock.freeze(clock.now() + timedelta(minutes=1))
    create_notice(title="Belsize youth work", categories=["85"], wards=["belsize"])
    clock.freeze(clock.now() + timedelta(minutes=1))
    with app.test_request_context():
        send_due_digests()
    assert "Belsize youth work" in _digests(user)[0].body


def test_at_most_one_digest_a_day(app):
    user = _subscriber()
    clock.freeze(clock.now() + timedelta(minutes=1))
    create_notice(title="First", categories=["90"])
    clock.freeze(clock.now() + timedelta(minutes=1))
    with app.test_request_context():
        send_due_digests()
        clock.freeze(clock.now() + timedelta(hours=3))
        create_notice(title="Second", categories=["90"])
        clock.freeze(clock.now() + timedelta(hours=3))
        assert send_due_digests().sent == 0
        assert len(_digests(user)) == 1
        clock.freeze(clock.now() + timedelta(days=1))
        send_due_digests()
    digests = _digests(user)
    assert len(digests) == 2 and "Second" in digests[1].body and "First" not in digests[1].body


def test_notices_published_before_opting_in_are_not_sent(app):
    create_notice(title="Old news", categories=["90"])
    user = _subscriber()
    clock.freeze(clock.now() + timedelta(minutes=5))
    with app.test_request_context():
        send_due_digests()
    assert _digests(user) == []


def test_the_scheduled_command_sends_digests_with_links_to_the_service(app):
    user = _subscriber()
    clock.freeze(clock.now() + timedelta(minutes=1))
    create_notice(title="Estate cleaning", categories=["90"])
    clock.freeze(clock.now() + timedelta(minutes=1))
    app.config["SERVICE_URL"] = "https://marketplace.camden.gov.uk"
    result = app.test_cli_runner().invoke(args=["notices", "send-alerts"])
    assert result.exit_code == 0, result.output
    assert "https://marketplace.camden.gov.uk/notices/" in _digests(user)[0].body


def test_the_worker_sends_digests_hourly_with_links_to_the_service(app):
    from marketplace.worker import run_due

    user = _subscriber()
    clock.freeze(clock.now() + timedelta(minutes=1))
    create_notice(title="Estate cleaning", categories=["90"])
    clock.freeze((clock.now() + timedelta(hours=1)).replace(minute=7))  # the job runs at 7 minutes past
    app.config["SERVICE_URL"] = "https://marketplace.camden.gov.uk"
    run_due(app)
    assert "https://marketplace.camden.gov.uk/notices/" in _digests(user)[0].body

"""Matching opportunities join each supplier's daily alert digest; a reminder 24 hours before close goes
to every organisation with a started but unsubmitted bid (once)."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from marketplace.mail.models import OutboxEmail
from marketplace.notices.alerts import services as alerts
from tests.factories import create_organisation, owner_of
from tests.opportunities.factories import create_opportunity, start_bid, submit_bid


def test_matching_opportunities_join_the_alert_digest(app):
    organisation = create_organisation(published=True, categories=["50"])
    user = owner_of(organisation)
    with app.test_request_context():
        alerts.save_preferences(user, match_categories=True, match_wards=False)
    create_opportunity(title="Lift repairs", categories=["50"])
    create_opportunity(title="Tree surgery", categories=["77"], wards=["hampstead-town"])
    with app.test_request_context():
        alerts.send_due_digests()
    email = OutboxEmail.query.filter(OutboxEmail.recipient == user.email, OutboxEmail.subject.contains("match")).one()
    assert "Lift repairs" in email.body and "Tree surgery" not in email.body
    assert "opportunit" in email.subject


def test_the_reminder_goes_once_to_unsubmitted_bids_in_the_last_24_hours(app):
    opportunity = create_opportunity()
    started, submitted = create_organisation(published=True), create_organisation(published=True)
    start_bid(opportunity, started)
    submit_bid(opportunity, submitted)
    clock.freeze(opportunity.closes_at - timedelta(hours=25))
    assert "Reminded 0" in app.test_cli_runner().invoke(args=["opportunities", "remind-bidders"]).output
    clock.freeze(opportunity.closes_at - timedelta(hours=23))
    assert "Reminded 1" in app.test_cli_runner().invoke(args=["opportunities", "remind-bidders"]).output
    assert "Reminded 0" in app.test_cli_runner().invoke(args=["opportunities", "remind-bidders"]).output
    reminders = OutboxEmail.query.filter(OutboxEmail.subject.startswith("24 hours left")).all()
    assert [email.recipient for email in reminders] == [owner_of(started).email]
    assert f"http://127.0.0.1:5000/opportunities/{opportunity.id}/bid" in reminders[0].body


def test_the_worker_runs_the_reminder_every_15_minutes(app):
    from datetime import UTC, datetime

    from marketplace.worker import run_due

    opportunity = create_opportunity()
    start_bid(opportunity, create_organisation(published=True))
    due = opportunity.closes_at - timedelta(hours=12)
    clock.freeze(datetime(due.year, due.month, due.day, due.hour, 15, tzinfo=UTC))
    run_due(app)
    assert OutboxEmail.query.filter(OutboxEmail.subject.startswith("24 hours left")).count() == 1

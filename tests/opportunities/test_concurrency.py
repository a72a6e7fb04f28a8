"""Races on PostgreSQL (set TEST_DATABASE_URL): 50 suppliers submitting in the final second are all
recorded exactly once, and a double-clicked submit (two requests at once) is one submission.

SQLite runs one writer at a time, so these races cannot happen there and the tests would prove nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.accounts.queries import get_user
from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.opportunities import queries
from marketplace.opportunities.bids import services
from marketplace.suppliers.queries import get_organisation
from tests.events import test_concurrency as house
from tests.events.test_concurrency import _skip_on_sqlite
from tests.factories import create_organisation, owner_of
from tests.opportunities.factories import complete_bid, create_opportunity, own_bid

pytestmark = pytest.mark.postgres


def _in_threads(app, jobs):
    """The house pattern (tests/events/test_concurrency.py) with a pool wide enough for every thread."""
    from marketplace import create_app

    keys = ("SQLALCHEMY_DATABASE_URI", "STORAGE_LOCAL_PATH", "SEARCH_INDEX_PATH")
    wide = create_app(
        "test",
        INSTANCE_PATH=app.instance_path,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_size": len(jobs) + 2, "max_overflow": 0, "pool_timeout": 90},
        **{key: app.config[key] for key in keys},
    )
    original = house._wide_app
    house._wide_app = lambda _: wide
    try:
        house._in_threads(app, jobs)
    finally:
        house._wide_app = original


def _submit_job(opportunity_id: int, organisation_id: int, user_id: int):
    def prepare():
        return queries.get_opportunity(opportunity_id), get_organisation(organisation_id), get_user(user_id)

    def act(opportunity, organisation, user):
        services.submit(opportunity, organisation, user)

    return prepare, act


def test_fifty_suppliers_submitting_in_the_final_second_are_each_recorded_once(app, db_backend):
    _skip_on_sqlite(db_backend)
    opportunity = create_opportunity()
    organisations = [create_organisation(published=True) for _ in range(50)]
    for organisation in organisations:
        complete_bid(opportunity, organisation)
    clock.freeze(opportunity.closes_at - timedelta(milliseconds=500))
    jobs = [_submit_job(opportunity.id, o.id, owner_of(o).id) for o in organisations]
    db.session.commit()
    _in_threads(app, jobs)
    db.session.expire_all()
    bids = [own_bid(opportunity, organisation) for organisation in organisations]
    assert all(bid.status == "submitted" and bid.submission_count == 1 and bid.receipt_code for bid in bids)
    assert AuditEvent.query.filter_by(action="bid.submitted").count() == 50


def test_two_submits_of_one_bid_at_the_same_moment_make_one_submission(app, db_backend):
    _skip_on_sqlite(db_backend)
    opportunity = create_opportunity()
    organisation = create_organisation(published=True)
    complete_bid(opportunity, organisation)
    user = owner_of(organisation)
    db.session.commit()
    _in_threads(app, [_submit_job(opportunity.id, organisation.id, user.id) for _ in range(4)])
    db.session.expire_all()
    assert own_bid(opportunity, organisation).submission_count == 1
    assert AuditEvent.query.filter_by(action="bid.submitted").count() == 1


def test_two_colleagues_starting_the_same_bid_at_once_get_one_bid(app, db_backend):
    _skip_on_sqlite(db_backend)
    opportunity = create_opportunity()
    organisation = create_organisation(published=True)
    ids = opportunity.id, organisation.id, owner_of(organisation).id  # threads must not touch this thread's objects
    db.session.commit()

    def job():
        def prepare():
            return queries.get_opportunity(ids[0]), get_organisation(ids[1]), get_user(ids[2])

        def act(o, org, u):
            services.start(o, org, u, {r.id: True for r in o.essential})

        return prepare, act

    _in_threads(app, [job() for _ in range(4)])
    db.session.expire_all()
    assert own_bid(opportunity, organisation) is not None
    assert AuditEvent.query.filter_by(action="bid.started").count() == 1

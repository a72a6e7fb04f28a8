"""Twenty organisations register at the same moment for the last five places: exactly five get them.

Run on PostgreSQL (set TEST_DATABASE_URL): there, transactions really run side by side and the
atomic conditional UPDATE is what stops overbooking. SQLite runs one writer at a time, so the
race cannot happen there and the test would prove nothing.
"""

from __future__ import annotations

import threading

import pytest

from marketplace.accounts.queries import get_user
from marketplace.events import queries, registrations
from marketplace.events.models import REGISTERED, WAITLISTED
from marketplace.extensions import db
from marketplace.suppliers.queries import get_organisation
from tests.events.factories import create_event, register
from tests.factories import create_organisation, owner_of

pytestmark = pytest.mark.postgres


def _skip_on_sqlite(db_backend):
    if db_backend == "sqlite":
        pytest.skip(
            "SQLite allows one writer at a time, so concurrent registrations cannot race; this runs on PostgreSQL"
        )


def _wide_app(app):
    """The same app with a connection pool big enough for every thread to hold a transaction."""
    from marketplace import create_app

    keys = ("SQLALCHEMY_DATABASE_URI", "STORAGE_LOCAL_PATH", "SEARCH_INDEX_PATH")
    return create_app(
        "test",
        INSTANCE_PATH=app.instance_path,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 25, "max_overflow": 0},
        **{key: app.config[key] for key in keys},
    )


def _in_threads(app, jobs):
    """Run each job in its own thread, app context and database session, all starting together."""
    app = _wide_app(app)
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        try:
            with app.app_context(), app.test_request_context():
                prepared = job[0]()
                barrier.wait(timeout=30)
                job[1](*prepared)
        except BaseException as error:
            errors.append(error)
        finally:
            with app.app_context():
                db.session.remove()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with app.app_context():
        db.engine.dispose()
    assert not errors, errors


def _registration_job(event_id: int, organisation_id: int, user_id: int):
    def prepare():
        return queries.get_event(event_id), get_organisation(organisation_id), get_user(user_id)

    def act(event, organisation, user):
        registrations.register(event, organisation, user, attendees=1, names=["Someone"], access_needs=None)

    return prepare, act


def test_twenty_simultaneous_registrations_for_five_places(app, db_backend):
    _skip_on_sqlite(db_backend)
    event = create_event(capacity=5, max_party_size=1)
    organisations = [create_organisation(published=True) for _ in range(20)]
    jobs = [_registration_job(event.id, organisation.id, owner_of(organisation).id) for organisation in organisations]
    db.session.commit()
    _in_threads(app, jobs)
    db.session.expire_all()
    statuses = [queries.get_registration(event.id, organisation.id).status for organisation in organisations]
    assert statuses.count(REGISTERED) == 5 and statuses.count(WAITLISTED) == 15
    assert queries.get_event(event.id).places_taken == 5


def test_cancellations_racing_registrations_never_overbook(app, db_backend):
    _skip_on_sqlite(db_backend)
    event = create_event(capacity=5, max_party_size=1)
    holders = [create_organisation(published=True) for _ in range(5)]
    for organisation in holders:
        register(event, organisation)
    newcomers = [create_organisation(published=True) for _ in range(10)]
    event_id = event.id  # threads must not touch this thread's objects

    def cancel_job(organisation_id: int, user_id: int):
        def prepare():
            return queries.get_registration(event_id, organisation_id), get_user(user_id)

        return prepare, lambda registration, user: registrations.cancel(registration, user)

    jobs = [cancel_job(o.id, owner_of(o).id) for o in holders[:3]]
    jobs += [_registration_job(event_id, o.id, owner_of(o).id) for o in newcomers]
    db.session.commit()
    _in_threads(app, jobs)
    db.session.expire_all()
    registered = [r for r in queries.list_registrations(event.id) if r.status == REGISTERED]
    assert len(registered) == queries.get_event(event.id).places_taken == 5

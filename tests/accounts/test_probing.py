"""What an attacker could learn or keep: sign-out ends the session everywhere it was copied, and the
time a sign-in or registration takes does not tell whether an email address has an account."""

from __future__ import annotations

import statistics
import time

import pytest
from argon2 import PasswordHasher

from marketplace.accounts import passwords
from tests.factories import PASSWORD, create_user, sign_in
from tests.helpers import PageClient


def test_a_copied_session_cookie_stops_working_after_sign_out(app, client):
    user = create_user()
    sign_in(client, user)
    stolen = client.client.get_cookie("session").value
    client.submit(client.get("accounts.sign_out"), expected=200)

    thief = PageClient(app)
    thief.client.set_cookie("session", stolen)
    assert thief.follow_all(thief.get("pages.dashboard", expected=302)).heading == "Sign in"


@pytest.fixture
def slow_hashing(monkeypatch):
    """A hash that costs tens of milliseconds, so skipped hashing stands out above the request's own work."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=3, memory_cost=16384, parallelism=1))
    passwords._dummy_hash.cache_clear()
    yield
    passwords._dummy_hash.cache_clear()


def _median_seconds(send, count: int = 5) -> float:
    """CPU seconds of this thread (the test client runs the request in it): the work done, which is what
    an attacker times, without the noise of other processes sharing the machine's cores."""
    timings = []
    for index in range(count):
        started = time.thread_time()
        send(index)
        timings.append(time.thread_time() - started)
    return statistics.median(timings)


def _assert_alike(known: float, unknown: float) -> None:
    assert min(known, unknown) / max(known, unknown) > 0.6, (
        f"known {known * 1000:.0f} ms, unknown {unknown * 1000:.0f} ms"
    )


def test_sign_in_takes_as_long_for_an_unknown_email(app, client, slow_hashing):
    app.config["SIGN_IN_MAX_FAILURES"] = 100
    user = create_user()
    form = client.get("accounts.sign_in")
    _median_seconds(lambda i: client.submit(form, email="warm-up@example.org", password="not it at all"), 1)
    known = _median_seconds(lambda i: client.submit(form, email=user.email, password=f"wrong password {i}"))
    unknown = _median_seconds(lambda i: client.submit(form, email=f"nobody{i}@example.org", password="wrong password"))
    _assert_alike(known, unknown)


def test_registration_takes_as_long_for_an_existing_email(app, client, slow_hashing):
    users = [create_user() for _ in range(5)]
    form = client.get("accounts.register")
    existing = _median_seconds(lambda i: client.submit(form, email=users[i].email, password=PASSWORD))
    new = _median_seconds(lambda i: client.submit(form, email=f"newcomer{i}@example.org", password=PASSWORD))
    _assert_alike(existing, new)

"""Rate limits hold across workers (shared Redis counters) and per client behind a reverse proxy."""

from __future__ import annotations

import uuid

import pytest
import redis

from marketplace import create_app
from tests.helpers import PageClient

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="module")
def redis_server():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return REDIS_URL


def _worker(database_url, tmp_path, **settings):
    """One web worker: its own app (and so its own memory), as gunicorn gives each process."""
    return create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(tmp_path),
        RATELIMIT_ENABLED=True,
        RATELIMIT_SIGN_IN="3 per minute",
        **settings,
    )


def _sign_in_status(app, **headers) -> int:
    with app.app_context():
        client = PageClient(app)
        page = client.get("accounts.sign_in")
        action, fields = page.form_fields()
        data = {name: values[0] for name, values in fields.items()} | {"email": "a@example.org", "password": "x" * 12}
        return client.raw(action or "/sign-in", method="POST", data=data, headers=headers).status_code


def test_two_workers_share_one_sign_in_limit(database_url, tmp_path, redis_server):
    prefix = f"test-{uuid.uuid4().hex}"
    first, second = (
        _worker(database_url, tmp_path, RATELIMIT_STORAGE_URI=redis_server, RATELIMIT_KEY_PREFIX=prefix)
        for _ in range(2)
    )
    statuses = [_sign_in_status(app) for app in (first, second, first, second)]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_proxy_each_client_has_its_own_limit(database_url, tmp_path):
    app = _worker(database_url, tmp_path, TRUSTED_PROXY_COUNT=1)
    noisy = [_sign_in_status(app, **{"X-Forwarded-For": "203.0.113.7"}) for _ in range(4)]
    assert noisy[-1] == 429
    assert _sign_in_status(app, **{"X-Forwarded-For": "198.51.100.9"}) == 200


def test_production_will_not_start_with_per_worker_counters(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    with pytest.raises(RuntimeError, match="REDIS_URL"):
        create_app(
            "production",
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/p.db",
            INSTANCE_PATH=str(tmp_path),
            RATELIMIT_STORAGE_URI="memory://",
        )

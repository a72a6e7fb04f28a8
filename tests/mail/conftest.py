from __future__ import annotations

import pytest

from tests.mail.smtp_servers import AcceptingServer, HangingServer, closed_port


def use_smtp(app, port: int) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_TIMEOUT=1)


@pytest.fixture
def smtp(app):
    with AcceptingServer() as server:
        use_smtp(app, server.port)
        yield server


@pytest.fixture
def hanging_smtp(app):
    with HangingServer() as server:
        use_smtp(app, server.port)
        yield server


@pytest.fixture
def refusing_smtp(app):
    use_smtp(app, closed_port())

"""Browser journeys: the real app served on 127.0.0.1, driven by Debian's Chromium.

Every page a journey visits is checked with axe-core (WCAG 2.2 AA rules) and must have no violations.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from werkzeug.serving import make_server

os.environ.setdefault("MARKETPLACE_FAST_HASHING", "1")

from marketplace import create_app
from marketplace.extensions import db

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if IN_CI:
        raise pytest.UsageError(f"CI=true but {CHROMIUM} is missing: browser tests must run in CI")
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)"
    )
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    database = folder / "e2e.sqlite3"
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
        INSTANCE_PATH=str(folder / "instance"),
        STORAGE_LOCAL_PATH=str(folder / "uploads"),
        SEARCH_INDEX_PATH=str(folder / "search-index"),
    )
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    # Emailed links are built from SERVICE_URL (never the request's host): here, the live server's address.
    live_app.config["SERVICE_URL"] = url
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture
def app_context(live_app):
    """The live app's database, for arranging data; emptied after each journey."""
    with live_app.app_context():
        yield live_app
        db.session.remove()
    empty_database(live_app)


def empty_database(app) -> None:
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    tables = [name for name in inspect(engine).get_table_names() if name != "alembic_version"]
    with engine.begin() as connection:
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        for table in tables:
            connection.execute(text(f'DELETE FROM "{table}"'))
    engine.dispose()


@pytest.fixture(autouse=True)
def no_browser_errors(request):
    """Fail a journey on a Content Security Policy refusal or a JavaScript error in the page."""
    if "page" not in request.fixturenames or request.node.get_closest_marker("csp_refusal_expected"):
        yield
        return
    page = request.getfixturevalue("page")
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and ("Content Security Policy" in message.text or "Refused" in message.text)
            and problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    yield
    assert not problems, problems


@pytest.fixture
def accessible(page):
    """Call after every step: fails the journey on any axe-core violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    checked: list[str] = []

    def check(label: str = "") -> None:
        page.wait_for_load_state("domcontentloaded")
        results = axe.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
                }
            },
        )
        assert results.violations_count == 0, f"axe violations on {page.url} {label}\n{results.generate_report()}"
        checked.append(page.url)

    yield check
    assert checked, "a journey must check the pages it visits"


_ = shutil

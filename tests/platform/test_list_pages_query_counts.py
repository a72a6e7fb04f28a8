"""List pages run the same number of queries whatever the number of rows (no N+1)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from marketplace.extensions import db
from tests.events.factories import create_event
from tests.factories import create_buyer, create_organisation, sign_in
from tests.helpers import PageClient
from tests.notices.factories import create_notice


@contextmanager
def counted_queries(app):
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _queries_for(app, client: PageClient, path: str) -> int:
    client.get(path)  # warm: catch-up and first-use queries are not the page's
    with counted_queries(app) as statements:
        client.get(path)
    return len(statements)


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/suppliers", lambda buyer: create_organisation(published=True)),
        ("/notices", lambda buyer: create_notice(buyer)),
        ("/events", lambda buyer: create_event(buyer)),
        ("/buyer/notices", lambda buyer: create_notice(buyer)),
    ],
)
def test_list_pages_do_not_query_per_row(app, client, path, make):
    buyer = create_buyer()
    sign_in(client, buyer)
    for _ in range(3):
        make(buyer)
    few = _queries_for(app, client, path)
    for _ in range(6):
        make(buyer)
    many = _queries_for(app, client, path)
    assert many == few, f"{path}: {few} queries for 3 rows, {many} for 9"


def test_a_shortlist_page_does_not_query_per_supplier(app, client):
    from marketplace.shortlists import services

    buyer = create_buyer()
    sign_in(client, buyer)
    shortlist = services.create_shortlist(buyer, "Estate cleaning")
    path = f"/buyer/shortlists/{shortlist.id}"
    for _ in range(3):
        services.add_to_shortlist(shortlist, create_organisation(published=True), buyer, "note")
    few = _queries_for(app, client, path)
    for _ in range(6):
        services.add_to_shortlist(shortlist, create_organisation(published=True), buyer, "note")
    assert _queries_for(app, client, path) == few

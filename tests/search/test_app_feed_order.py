"""The change feed under out-of-order commits (issue 9.1).

PostgreSQL hands out `search_changes` ids at insert but makes rows visible at commit, so a lower
id can appear after a higher one has been applied. A node must still apply it, and `/healthz`
must not say the index is up to date while it is missing.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from marketplace.extensions import db
from marketplace.search import services as search_services
from marketplace.search.models import SearchChange
from marketplace.suppliers import services as supplier_services
from marketplace.suppliers.commands import AboutAnswers
from marketplace.suppliers.models import Organisation
from tests.factories import create_organisation, owner_of
from tests.helpers import PageClient


def _names(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.soup.select(".app-result h2 a")]


def _slow_edit(organisation_id: int, name: str) -> Session:
    """An edit whose change row has its id now but commits later (another request, held up)."""
    slow = Session(db.engine)
    slow.execute(update(Organisation).where(Organisation.id == organisation_id).values(name=name))
    slow.add(SearchChange(doctype="supplier", doc_id=str(organisation_id)))
    slow.flush()  # the id is taken here; the row is invisible to others until commit
    return slow


@pytest.fixture
def two_suppliers(app, db_backend):
    if db_backend == "sqlite":
        pytest.skip("SQLite has one writer at a time: ids always commit in order")
    early = create_organisation(published=True, name="Belsize Park Glaziers")
    late = create_organisation(published=True, name="Fortune Green Roofers")
    search_services.catch_up()
    return early, late


def test_a_change_committed_after_a_later_one_is_still_applied(app, two_suppliers):
    early, late = two_suppliers
    slow = _slow_edit(early.id, "Belsize Park Stained Glass Studio")
    supplier_services.update_about(late, owner_of(late), AboutAnswers(name="Fortune Green Slaters"))
    search_services.catch_up()  # applies the later id first
    slow.commit()
    slow.close()

    assert search_services.catch_up() >= 1
    assert "Belsize Park Stained Glass Studio" in _names(PageClient(app).get("/suppliers?q=stained"))


def test_healthz_counts_the_late_change_as_lag_until_it_is_applied(app, two_suppliers):
    early, late = two_suppliers
    slow = _slow_edit(early.id, "Belsize Park Leaded Lights")
    supplier_services.update_about(late, owner_of(late), AboutAnswers(name="Fortune Green Tilers"))
    search_services.catch_up()
    slow.commit()
    slow.close()

    body = json.loads(PageClient(app).raw("/healthz").data)
    assert body["search"]["supplier"]["lag"] == 1

    search_services.catch_up()
    body = json.loads(PageClient(app).raw("/healthz").data)
    assert body["search"]["supplier"]["lag"] == 0


def test_flask_search_catch_up_applies_the_late_change(app, two_suppliers):
    early, late = two_suppliers
    slow = _slow_edit(early.id, "Belsize Park Sash Restorers")
    supplier_services.update_about(late, owner_of(late), AboutAnswers(name="Fortune Green Thatchers"))
    search_services.catch_up()
    slow.commit()
    slow.close()
    db.session.remove()

    result = app.test_cli_runner().invoke(args=["search", "catch-up"])
    assert result.exit_code == 0, result.output
    assert "Applied 1 change(s)." in result.output

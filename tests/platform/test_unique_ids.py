"""No two elements on a page share an id (a label would point at the wrong one, or at none)."""

from __future__ import annotations

from collections import Counter

from tests.factories import create_admin, create_organisation, owner_of, sign_in


def _repeated_ids(page) -> list[str]:
    counts = Counter(tag["id"] for tag in page.soup.find_all(id=True))
    return [name for name, count in counts.items() if count > 1]


def test_the_about_page_has_no_repeated_ids(client):
    organisation = create_organisation()
    sign_in(client, owner_of(organisation))
    assert _repeated_ids(client.get("suppliers.about")) == []


def test_the_buyer_domains_page_has_no_repeated_ids(client):
    from marketplace.accounts import services

    admin = create_admin()
    services.add_buyer_domain("islington.gov.uk", added_by=admin)
    sign_in(client, admin)
    assert _repeated_ids(client.get("admin.buyer_domains")) == []

"""A signed-in supplier with an organisation, and a second organisation to try to reach into."""

from __future__ import annotations

import pytest

from tests.factories import create_organisation, owner_of, sign_in


@pytest.fixture
def organisation(app):
    return create_organisation()


@pytest.fixture
def supplier(client, organisation):
    """The owner of `organisation`, signed in on `client`."""
    owner = owner_of(organisation)
    sign_in(client, owner)
    return owner


@pytest.fixture
def other_organisation(app):
    return create_organisation()

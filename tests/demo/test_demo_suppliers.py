"""`flask demo load` makes its suppliers as people do: registered, written and published by their owners."""

from __future__ import annotations

from marketplace.accounts import passwords
from marketplace.audit.queries import list_events_for
from marketplace.demo import services as demo
from marketplace.suppliers import queries


def _load_a_few(app, monkeypatch, count: int = 3) -> None:
    monkeypatch.setattr(demo, "ORGANISATION_COUNT", count)
    demo.seed_buyer_domains(app.config["BUYER_EMAIL_DOMAINS_SEED"])
    with app.test_request_context():
        demo._load_suppliers(progress=False)


def _owner(index: int):
    email = demo.LOGINS[2 + index][1] if index < 2 else demo._owner_email(index)
    return demo.account_queries.get_user_by_email(email)


def test_each_demo_organisation_is_published_by_its_own_owner_with_the_audit_trail(app, monkeypatch):
    _load_a_few(app, monkeypatch)
    assert len(queries.list_published_organisations()) == 3
    for index in range(3):
        owner = _owner(index)
        membership = queries.get_membership_for_user(owner.id)
        assert membership.role == "owner" and membership.organisation.is_published
        actions = {(e.action, e.actor_id) for e in list_events_for("organisations", membership.organisation_id)}
        assert {("organisation.created", owner.id), ("organisation.published", owner.id)} <= actions
    assert queries.get_membership_for_user(_owner(0).id).organisation.name == "Kentish Town Cleaning CIC"


def test_the_demo_sign_ins_use_the_demo_password(app, monkeypatch):
    _load_a_few(app, monkeypatch, count=2)
    for _, email, role, full_name in demo.LOGINS:
        user = demo.account_queries.get_user_by_email(email)
        assert (user.role, user.full_name, user.is_verified) == (role, full_name, True)
        assert passwords.check_password(user.password_hash, demo.DEMO_PASSWORD)


def test_a_load_that_stopped_half_way_is_finished_by_the_next(app, monkeypatch):
    _load_a_few(app, monkeypatch, count=2)
    _load_a_few(app, monkeypatch, count=3)
    assert queries.get_membership_for_user(_owner(2).id) is not None
    assert len(queries.list_published_organisations()) == 3

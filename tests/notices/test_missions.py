"""Admins keep the list of council missions; buyers tag notices with the ones in use."""

from __future__ import annotations

from marketplace.notices import queries
from tests.factories import create_admin, create_buyer, sign_in
from tests.helpers import PageClient
from tests.notices.factories import create_mission


def test_admin_adds_and_retires_a_mission(client):
    sign_in(client, create_admin())
    client.submit(client.get("notices.missions"), name="Estates Mission", description="Safe, warm homes.", expected=302)
    mission = queries.find_mission_by_name("estates mission")
    page = client.get("notices.edit_mission", mission_id=mission.id)
    client.submit(page, active=[], expected=302)
    assert queries.list_missions(active_only=True) == []


def test_mission_names_are_unique(client):
    create_mission("Estates Mission")
    sign_in(client, create_admin())
    page = client.submit(client.get("notices.missions"), name="ESTATES MISSION", expected=200)
    assert page.field_error("name") == "A mission with this name already exists"


def test_only_admins_manage_missions(client, app):
    sign_in(client, create_buyer())
    client.get("notices.missions", expected=403)
    PageClient(app).get("notices.missions", expected=302)


def test_buyers_choose_from_missions_in_use(client):
    create_mission("Estates Mission")
    retired = create_mission("Old Mission")
    from marketplace.notices import services

    services.update_mission(retired, create_admin(), name="Old Mission", description=None, active=False)
    sign_in(client, create_buyer())
    options = [option.get_text() for option in client.get("notices.new_notice").soup.select("#mission option")]
    assert "Estates Mission" in options and "Old Mission" not in options

"""A supplier based in the borough says which ward its main base is in; one based elsewhere is not asked."""

from __future__ import annotations

from marketplace.audit.queries import list_events_for
from marketplace.extensions import db
from marketplace.suppliers import queries, services
from marketplace.suppliers.commands import AboutAnswers
from tests.factories import create_organisation, owner_of, sign_in

IN_BOROUGH, ACROSS_THE_BOUNDARY, ELSEWHERE = "NW5 1TL", "NW6 1AA", "E8 3RL"
REQUIRED = "Select the ward your organisation’s main base is in"


def _work_page(client, postcode: str, **details):
    organisation = create_organisation(postcode=postcode, **details)
    sign_in(client, owner_of(organisation))
    return organisation, client.get("suppliers.work")


def _saved(organisation):
    db.session.expire_all()
    return queries.get_organisation(organisation.id)


def test_a_supplier_based_in_the_borough_saves_the_ward_of_its_main_base(client):
    organisation, page = _work_page(client, IN_BOROUGH, base_ward=None)
    client.submit(page, base_ward="gospel-oak", expected=302)
    assert _saved(organisation).base_ward == "gospel-oak"


def test_the_ward_saved_is_audited(client):
    organisation, page = _work_page(client, IN_BOROUGH, base_ward=None)
    client.submit(page, base_ward="gospel-oak", expected=302)
    event = list_events_for("organisations", organisation.id)[0]
    assert event.action == "organisation.work_updated" and event.details["fields"] == ["base_ward"]


def test_the_ward_is_required_and_the_other_answers_are_kept(client):
    organisation, page = _work_page(client, IN_BOROUGH, base_ward=None)
    page = client.submit(page, base_ward="", summary="We mend bikes in Gospel Oak.", expected=200)
    assert page.error_summary == [REQUIRED]
    assert page.soup.select_one(".govuk-error-summary a")["href"] == "#base_ward"
    assert page.value_of("summary") == "We mend bikes in Gospel Oak."
    assert _saved(organisation).summary == "We mend bikes in Gospel Oak."


def test_a_ward_that_is_not_in_the_borough_is_refused(client):
    organisation, page = _work_page(client, IN_BOROUGH)
    page = client.submit(page, base_ward="atlantis", expected=200)
    assert page.field_error("base_ward") == "Select a ward in the borough from the list"
    assert _saved(organisation).base_ward == "kentish-town-north"


def test_a_supplier_based_elsewhere_is_not_asked(client):
    _, page = _work_page(client, ELSEWHERE)
    assert page.soup.find(id="base_ward") is None


def test_where_the_postcode_leaves_it_open_the_ward_is_asked_under_yes(client):
    _, page = _work_page(client, ACROSS_THE_BOUNDARY)
    yes = page.soup.find("input", attrs={"name": "based_in_borough", "value": "yes"})
    revealed = page.soup.find(id=yes["data-aria-controls"])
    assert revealed.find("select", id="base_ward")  # in the page, so it works without JavaScript


def test_the_ward_is_required_when_the_supplier_says_it_is_based_in_the_borough(client):
    _, page = _work_page(client, ACROSS_THE_BOUNDARY)
    page = client.submit(page, based_in_borough="yes", base_ward="", expected=200)
    assert page.error_summary == [REQUIRED]


def test_saying_it_is_not_based_in_the_borough_clears_the_ward(client):
    organisation, page = _work_page(client, ACROSS_THE_BOUNDARY)
    client.submit(page, based_in_borough="yes", base_ward="kilburn", expected=302)
    page = client.get("suppliers.work")
    client.submit(page, based_in_borough="no", expected=302)  # the ward is still selected, as without JavaScript
    saved = _saved(organisation)
    assert (saved.based_in_borough, saved.base_ward) == (False, None)


def test_moving_out_of_the_borough_clears_the_ward(client):
    organisation = create_organisation(postcode=IN_BOROUGH)
    services.update_about(organisation, owner_of(organisation), AboutAnswers(postcode=ELSEWHERE))
    saved = _saved(organisation)
    assert (saved.based_in_borough, saved.base_ward) == (False, None)


def test_the_profile_check_shows_the_main_base_with_a_change_link(client):
    organisation, _ = _work_page(client, IN_BOROUGH)
    page = client.get("suppliers.preview")
    row = next(row for row in page.soup.select(".govuk-summary-list__row") if "Main base" in row.get_text())
    assert "Kentish Town North ward" in row.get_text()
    change = row.select_one(".govuk-summary-list__actions a")
    assert change.get_text(" ", strip=True) == "Change main base" and change["href"] == "/supplier/profile/work#where"


def test_the_public_profile_shows_the_main_base(client):
    organisation = create_organisation(postcode=IN_BOROUGH, published=True)
    page = client.get("suppliers.public_profile", organisation_id=organisation.id)
    assert "Main base Kentish Town North ward, in the borough" in page.text
    assert "Change" not in page.text

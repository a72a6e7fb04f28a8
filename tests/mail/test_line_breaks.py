"""A line break typed into a name or title never reaches an email header, and never stops email."""

from __future__ import annotations

from marketplace.extensions import db
from marketplace.mail.models import SENT
from marketplace.mail.queries import list_emails_to
from marketplace.mail.services import send_pending
from marketplace.suppliers import queries
from tests.factories import create_organisation, create_user, owner_of, sign_in, unique_email


def test_line_breaks_are_taken_out_of_one_line_answers(client):
    user = create_user()
    sign_in(client, user)
    client.submit(
        client.get("suppliers.start"),
        name="Acme\r\nBcc: everyone@example.org",
        legal_form="sole-trader",
        identifier_scheme="none",
        postcode="NW5 1TL",
        staff_band="1-10",
        turnover_band="up-to-1m",
        declarations="none",
        expected=302,
    )
    assert queries.get_membership_for_user(user.id).organisation.name == "Acme Bcc: everyone@example.org"


def test_text_areas_keep_their_line_breaks(client):
    organisation = create_organisation()
    sign_in(client, owner_of(organisation))
    page = client.get("suppliers.work")
    client.submit(page, description="First paragraph.\r\n\r\nSecond paragraph.", expected=302)
    db.session.expire_all()
    assert queries.get_organisation(organisation.id).description == "First paragraph.\r\n\r\nSecond paragraph."


def test_a_name_with_a_line_break_from_before_the_fix_does_not_stop_email(app, client, smtp):
    organisation = create_organisation(name="Old data")
    organisation.name = "Old\r\ndata"  # saved before forms removed line breaks
    db.session.commit()
    invited = unique_email()
    sign_in(client, owner_of(organisation))
    client.submit(client.get("suppliers.team"), email=invited, expected=302)
    later = [unique_email() for _ in range(4)]
    for email in later:
        create_user(email=email, verified=False)
    send_pending()
    assert [email.status for email in list_emails_to(invited)] == [SENT]
    (invitation,) = [message for message in smtp.messages if message["To"] == invited]
    assert invitation["Subject"] == "Join Old data on the supplier marketplace"
    assert all(list_emails_to(email)[0].status == SENT for email in later)

"""A notice or event dated in the past saves as a draft, warns on save, and the preview says what to change."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from tests.events.test_events import FORM as EVENT_FORM
from tests.factories import create_buyer, sign_in
from tests.notices.test_lifecycle import FORM as NOTICE_FORM


def test_a_notice_closing_in_the_past_warns_on_save_and_is_still_needed(client):
    sign_in(client, create_buyer())
    past = clock.now() - timedelta(days=3)
    response = client.submit(
        client.get("notices.new_notice"),
        **{**NOTICE_FORM, "engagement_closes_on": [str(past.day), str(past.month), str(past.year)]},
        expected=302,
    )
    preview = client.follow(response)
    assert "Saved as a draft. Change the date engagement closes: it is in the past" in preview.html
    still_needed = preview.soup.select_one(".govuk-warning-text").get_text(" ", strip=True)
    assert "Still needed" in still_needed and "Change the date engagement closes" in still_needed
    assert not preview.soup.select("form button")  # no publish button until it is changed


def test_an_event_in_the_past_warns_on_save_and_is_still_needed(client):
    sign_in(client, create_buyer())
    past = clock.now() - timedelta(days=3)
    response = client.submit(
        client.get("events.new_event"),
        **{**EVENT_FORM, "starts_on": [str(past.day), str(past.month), str(past.year)]},
        expected=302,
    )
    preview = client.follow(response)
    assert "Saved as a draft. Change the date of the event: it is in the past" in preview.html
    still_needed = preview.soup.select_one(".app-preview ~ .govuk-warning-text").get_text(" ", strip=True)
    assert "Still needed" in still_needed and "Change the date of the event" in still_needed
    assert not preview.soup.select("form button")

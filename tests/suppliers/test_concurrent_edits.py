"""Two team members saving the same page at once: one save wins whole, the other is told and keeps what they typed."""

from __future__ import annotations

import threading

from marketplace.extensions import db
from marketplace.suppliers import queries
from marketplace.suppliers.models import Membership
from tests.factories import create_organisation, create_user, owner_of, sign_in
from tests.helpers import PageClient

CONFLICT = "Someone else in your organisation saved this page while you were editing it"
ANSWERS = {
    "ruth": {"summary": "Estate cleaning by Ruth's team.", "categories": ["90", "77"]},
    "sam": {"summary": "Community gardening by Sam's team.", "categories": ["77", "45"]},
}


def two_team_members(app):
    organisation = create_organisation()
    colleague = create_user()
    db.session.add(Membership(organisation_id=organisation.id, user_id=colleague.id, role="member"))
    db.session.commit()
    browsers = {"ruth": PageClient(app), "sam": PageClient(app)}
    sign_in(browsers["ruth"], owner_of(organisation))
    sign_in(browsers["sam"], colleague)
    return organisation, browsers


def save_at_once(app, browsers, pages, answers):
    results, start = {}, threading.Barrier(len(browsers))

    def save(name):
        with app.app_context():
            start.wait()
            results[name] = browsers[name].submit(pages[name], **answers[name])

    threads = [threading.Thread(target=save, args=(name,)) for name in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_saving_the_same_page_at_once_never_fails_or_mixes_answers(app, db_backend):
    organisation, browsers = two_team_members(app)
    for round_ in range(8):
        answers = {name: {**typed, "summary": f"{typed['summary']} Round {round_}."} for name, typed in ANSWERS.items()}
        pages = {name: browser.get("suppliers.work") for name, browser in browsers.items()}
        results = save_at_once(app, browsers, pages, answers)
        assert sorted(page.status for page in results.values()) == [200, 302], {
            name: (page.status, page.text[:300]) for name, page in results.items()
        }
        (winner,) = [name for name, page in results.items() if page.status == 302]
        (loser,) = [name for name, page in results.items() if page.status == 200]
        assert results[loser].error_summary[0].startswith(CONFLICT)
        db.session.expire_all()
        saved = queries.get_organisation(organisation.id)
        assert saved.summary == answers[winner]["summary"]
        assert sorted(c.code for c in saved.categories) == sorted(answers[winner]["categories"])


def test_the_second_save_is_shown_the_current_answers_and_keeps_what_they_typed(app):
    organisation, browsers = two_team_members(app)
    ruth_page, sam_page = browsers["ruth"].get("suppliers.work"), browsers["sam"].get("suppliers.work")
    browsers["ruth"].submit(ruth_page, **ANSWERS["ruth"], expected=302)
    page = browsers["sam"].submit(sam_page, **ANSWERS["sam"], expected=200)
    assert page.error_summary == [CONFLICT + ". Check their answers, then save yours again"]
    assert page.soup.select_one(".govuk-error-summary a")["href"] == "#current-answers"
    assert "Estate cleaning by Ruth's team." in page.soup.select_one("#current-answers").get_text()
    assert page.value_of("summary") == ANSWERS["sam"]["summary"]
    db.session.expire_all()
    assert queries.get_organisation(organisation.id).summary == ANSWERS["ruth"]["summary"]

    browsers["sam"].submit(page, expected=302)  # having seen Ruth's answers, Sam saves his own
    db.session.expire_all()
    assert queries.get_organisation(organisation.id).summary == ANSWERS["sam"]["summary"]


def test_the_about_page_is_protected_the_same_way(app):
    organisation, browsers = two_team_members(app)
    ruth_page, sam_page = browsers["ruth"].get("suppliers.about"), browsers["sam"].get("suppliers.about")
    browsers["ruth"].submit(ruth_page, name="Ruth's Cleaning", expected=302)
    page = browsers["sam"].submit(sam_page, name="Sam's Gardens", expected=200)
    assert page.error_summary and page.error_summary[0].startswith(CONFLICT)
    assert page.value_of("name") == "Sam's Gardens"
    db.session.expire_all()
    assert queries.get_organisation(organisation.id).name == "Ruth's Cleaning"


def test_a_save_that_leaves_some_answers_wrong_can_be_corrected_without_a_conflict(app):
    organisation, browsers = two_team_members(app)
    page = browsers["ruth"].submit(browsers["ruth"].get("suppliers.about"), postcode="NW5", expected=200)
    assert page.field_error("postcode")
    assert browsers["ruth"].submit(page, postcode="NW5 1TL", expected=302)

"""The evaluation pages, as each person uses them (no browser): evaluators declare and score, the moderator
agrees consensus, the buyer proposes, an admin approves, the losing bidder reads their summary, the
contract is recorded after standstill and the award is public; and who gets a 404."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from marketplace.evaluation import queries
from tests.evaluation.factories import declare_none, evaluation_world, score_all
from tests.factories import create_admin, create_buyer, owner_of, sign_in
from tests.helpers import PageClient
from tests.notices.test_ocds import _errors, validators  # noqa: F401 - the shared OCDS schema validators


def _as(app, user) -> PageClient:
    client = PageClient(app)
    sign_in(client, user)
    return client


def test_the_whole_evaluation_through_the_pages(app, validators):  # noqa: F811
    world = evaluation_world(prices=("100000", "90000"), evaluators=2)
    o = world.opportunity
    questions = o.question_criteria
    organisations = dict(queries.to_declare(o.id))

    outsider = _as(app, create_buyer())
    outsider.get("evaluation.overview", opportunity_id=o.id, expected=404)
    loser_client = _as(app, owner_of(world.organisations[0]))
    loser_client.get("evaluation.overview", opportunity_id=o.id, expected=403)

    for index, evaluator in enumerate(world.evaluators[:1]):  # the second scores through the services
        client = _as(app, evaluator)
        page = client.get("evaluation.overview", opportunity_id=o.id)
        assert "Declare conflicts of interest" in page.text and "Bidder 0" not in page.text
        client.get("evaluation.score_sheet", opportunity_id=o.id, bid_id=world.bids["Bidder 0"], expected=302)
        page = client.get("evaluation.declare", opportunity_id=o.id)
        assert all(name in page.text for name in organisations.values())
        client.submit(page, expected=200)  # nothing chosen: errors, nothing recorded
        assert "Say whether you have a conflict" in client.last.text
        client.submit(client.last, expected=302, **{f"conflict_{org}": "no" for org in organisations})
        for name, bid_id in world.bids.items():
            page = client.get("evaluation.score_sheet", opportunity_id=o.id, bid_id=bid_id)
            assert "We will work with residents" in page.text
            score = {"Bidder 0": 4, "Bidder 1": 2}[name]
            fields = {f"score_{c.id}": str(score) for c in questions}
            fields |= {f"justification_{c.id}": f"Evaluator {index} says {name} is fine" for c in questions}
            client.submit(page, expected=302, **fields)
        client.get("evaluation.scores", opportunity_id=o.id, expected=404)  # blind until all of one's own are in
        page = client.get("evaluation.overview", opportunity_id=o.id)
        client.submit(page, form_index=0, expected=302)
        client.get("evaluation.scores", opportunity_id=o.id)

    declare_none(world, world.evaluators[1])
    score_all(world, world.evaluators[1], score=2)

    moderator = _as(app, world.moderator)
    page = moderator.get("evaluation.moderate", opportunity_id=o.id, bid_id=world.bids["Bidder 0"])
    assert "differ by 2 or more points" in page.text and "Evaluator 0 says Bidder 0 is fine" in page.text
    for name, bid_id in world.bids.items():
        page = moderator.get("evaluation.moderate", opportunity_id=o.id, bid_id=bid_id)
        fields = {f"score_{c.id}": "3" if name == "Bidder 0" else "2" for c in questions}
        fields |= {f"justification_{c.id}": f"The panel agreed {name} shows a clear plan" for c in questions}
        moderator.submit(page, expected=302, **fields)

    owner = _as(app, world.owner)
    page = owner.get("evaluation.ranking", opportunity_id=o.id)
    assert page.text.index("Bidder 0") < page.text.index("Bidder 1")
    owner.submit(page, expected=302, bid=str(world.bids["Bidder 0"]))

    admin = _as(app, create_admin())
    page = admin.get("evaluation.approvals")
    award = queries.current_award(o.id)
    page = admin.get("evaluation.approve", award_id=award.id)
    admin.submit(page, expected=302, decision="approve")
    owner.get("evaluation.approve", award_id=award.id, expected=404)

    loser = _as(app, owner_of(world.organisations[1]))
    page = loser.get("evaluation.summary", opportunity_id=o.id)
    assert "not successful" in page.text and "Bidder 0" in page.text and "2 out of 2" in page.text
    assert "The panel agreed Bidder 1 shows a clear plan" in page.text
    loser.get("evaluation.summary", opportunity_id=o.id, print=1)
    page = loser.get("opportunities.bid", opportunity_id=o.id)
    assert "Standstill" in page.text and "Read your assessment summary" in page.text
    page = loser.get("evaluation.ask", opportunity_id=o.id)
    loser.submit(page, expected=302, question="Why did our price score lower?")
    outsider.get("evaluation.summary", opportunity_id=o.id, expected=404)

    page = owner.get("evaluation.contract", opportunity_id=o.id)
    owner.submit(
        page,
        expected=200,
        value="95000",
        start_date=["1", "3", "2027"],
        end_date=["28", "2", "2029"],
    )
    assert "cannot be entered before standstill ends" in owner.last.text
    clock.freeze(clock.now() + timedelta(days=20))
    page = owner.get("evaluation.contract", opportunity_id=o.id)
    owner.submit(
        page,
        expected=302,
        value="95000",
        start_date=["1", "3", "2027"],
        end_date=["28", "2", "2029"],
    )
    public = PageClient(app).get("opportunities.show", opportunity_id=o.id)
    assert "Awarded to" in public.text and "Bidder 0" in public.text and "£95,000.00" in public.text
    profile = PageClient(app).get("suppliers.public_profile", organisation_id=world.organisations[0].id)
    assert "Council contracts won" in profile.text and o.title in profile.text
    release = PageClient(app).raw(f"/opportunities/{o.id}.ocds.json").get_json()
    assert release["awards"][0]["suppliers"][0]["name"] == "Bidder 0"
    assert release["contracts"][0]["value"]["amount"] == 95000.0
    assert release["awards"][0]["standstillPeriod"]["endDate"] and release["bids"]["statistics"]
    assert _errors(validators["release"], release) == [] and _errors(validators["uk"], release) == []
    listed = PageClient(app).raw("/api/v1/opportunities?status=awarded").get_json()
    assert [item["id"] for item in listed["opportunities"]] == [o.id]


def test_a_buyer_finds_their_panels_and_approvals_from_the_dashboard(app, client):
    from tests.factories import create_buyer, sign_in

    sign_in(client, create_buyer())
    page = client.get("pages.dashboard")
    assert "Your evaluation panels" in page.text and "Award decisions waiting for your approval" in page.text

"""Evaluation to contract in a browser, axe on every page:

two evaluators declare conflicts and score → the moderator agrees consensus → the buyer proposes the award
→ an admin approves → the losing bidder reads their assessment summary → standstill ends (the clock moves)
→ the buyer records the contract → the award is on the public page and in the winner's profile.

The second evaluator's scores and the moderator's second bid go through the services: the same pages again
would only cost CPU (the whole suite's budget is tight).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.session import sign_in, sign_out
from marketplace import clock
from marketplace.evaluation import services
from marketplace.evaluation.models import EVALUATOR, MODERATOR
from marketplace.opportunities.bids import opening
from tests.evaluation.factories import World, agree, declare_none, score_all
from tests.factories import create_admin, create_buyer, create_organisation, owner_of
from tests.opportunities.factories import close, create_opportunity, submit_bid

START = datetime(2027, 3, 1, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    clock.freeze(START)
    yield
    clock.freeze(None)


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _score(page: Page, criteria, score: int, words: str) -> None:
    for criterion in criteria:
        page.locator(f"input[name='score_{criterion.id}'][value='{score}']").check()
        page.locator(f"#justification_{criterion.id}").fill(words)


def test_evaluators_score_moderator_agrees_award_approved_loser_reads_summary_contract_public(
    page: Page, base_url, app_context, accessible
):
    buyer = create_buyer(email="priya@camden.gov.uk")
    opportunity = create_opportunity(buyer, title="Estate garden care")
    winner = create_organisation(published=True, name="Green Hands CIC")
    loser = create_organisation(published=True, name="Tidy Plots Ltd")
    winner_bid = submit_bid(opportunity, winner, price="40000")
    loser_bid = submit_bid(opportunity, loser, price="45000")
    close(opportunity, timedelta(hours=2))
    criteria = opportunity.question_criteria
    evaluators = [create_buyer(email=f"evaluator{i}@camden.gov.uk") for i in (1, 2)]
    moderator = create_buyer(email="moderator@camden.gov.uk")
    admin = create_admin(email="admin@camden.gov.uk")
    with app_context.test_request_context():
        opening.open_bids(opportunity, buyer)
        for user in evaluators:
            services.add_to_panel(opportunity, buyer, user=user, role=EVALUATOR)
        services.add_to_panel(opportunity, buyer, user=moderator, role=MODERATOR)
    bids = {o.name: bid for o, bid in ((winner, winner_bid), (loser, loser_bid))}
    world = World(opportunity, buyer, evaluators, moderator, [winner, loser], {n: b.id for n, b in bids.items()})

    for number, evaluator in enumerate(evaluators[:1]):
        sign_in(page, base_url, evaluator.email, accessible)
        page.goto(base_url + "/evaluation")
        accessible("your panels")
        page.get_by_role("link", name="Estate garden care").click()
        _heading(page, "Evaluation")
        accessible("evaluation, before declaring")
        page.get_by_role("button", name="Declare conflicts of interest").click()
        _heading(page, "Declare conflicts of interest")
        accessible("declare")
        for name in ("Green Hands CIC", "Tidy Plots Ltd"):
            page.get_by_role("group", name=re.compile(name)).get_by_label("No conflict").check()
        page.get_by_role("button", name="Declare and continue").click()
        accessible("evaluation, declared")
        for name, score in (("Green Hands CIC", 4 - number), ("Tidy Plots Ltd", 1 + number * 2)):
            page.get_by_role("link", name=name).click()
            _heading(page, f"Score the bid from {name}")
            accessible(f"score sheet {name}")
            _score(page, criteria, score, f"Evaluator {number + 1}: the answer from {name} names staff and a plan.")
            page.get_by_role("button", name="Save scores").click()
            expect(page.locator(".govuk-notification-banner")).to_contain_text("Scores saved")
        page.get_by_role("button", name="Submit all my scores").click()
        accessible("scores submitted")
        page.get_by_role("link", name="See every evaluator’s scores").click()
        accessible("every evaluator's scores")
        sign_out(page, accessible)

    declare_none(world, evaluators[1])
    score_all(world, evaluators[1], score=2)

    sign_in(page, base_url, moderator.email, accessible)
    page.goto(base_url + f"/buyer/opportunities/{opportunity.id}/evaluation")
    accessible("moderator's evaluation page")
    page.get_by_role("link", name="Bids, consensus and ranking").click()
    accessible("ranking before consensus")
    name = "Tidy Plots Ltd"
    page.get_by_role("link", name=name).click()
    _heading(page, f"Moderate the bid from {name}")
    accessible(f"moderation {name}")
    _score(page, criteria, 2, f"The panel agreed {name} gives clear evidence of staffing.")
    page.get_by_role("button", name="Save consensus scores").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Consensus scores saved")
    sign_out(page, accessible)
    agree(world, {"Green Hands CIC": 3})

    sign_in(page, base_url, buyer.email, accessible)
    page.goto(base_url + f"/opportunities/{opportunity.id}")
    page.get_by_role("link", name="Evaluation", exact=True).click()
    accessible("owner's evaluation page")
    page.get_by_role("link", name="Bids, consensus and ranking").click()
    accessible("ranking")
    page.get_by_label(re.compile("1. Green Hands CIC")).check()
    page.get_by_role("button", name="Propose the award").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("approve it")
    accessible("proposed")
    sign_out(page, accessible)

    sign_in(page, base_url, admin.email, accessible)
    page.goto(base_url + "/evaluation/approvals")
    accessible("approvals")
    page.get_by_role("link", name="Estate garden care").click()
    _heading(page, "Approve the award")
    accessible("approve")
    page.get_by_label("Yes, approve and publish the decision").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Standstill has started")
    sign_out(page, accessible)

    sign_in(page, base_url, owner_of(loser).email, accessible)
    page.goto(base_url + f"/opportunities/{opportunity.id}")
    accessible("opportunity in standstill")
    page.get_by_role("link", name="Read your assessment summary").click()
    _heading(page, "Assessment summary for Tidy Plots Ltd")
    expect(page.get_by_text("The panel agreed Tidy Plots Ltd gives clear evidence").first).to_be_visible()
    expect(page.get_by_text("2 out of 2")).to_be_visible()
    accessible("assessment summary")
    page.get_by_role("link", name="Printable version").click()
    accessible("printable summary")
    sign_out(page, accessible)

    clock.freeze(START + timedelta(days=45))
    sign_in(page, base_url, buyer.email, accessible)
    page.goto(base_url + f"/buyer/opportunities/{opportunity.id}/evaluation")
    page.get_by_role("link", name="Record the contract details").click()
    _heading(page, "Contract details")
    accessible("contract form")
    page.get_by_label("Contract value in pounds, excluding VAT").fill("40,000")
    for legend, (day, month, year) in (("Start date", (1, 6, 2027)), ("End date", (31, 5, 2028))):
        group = page.get_by_role("group", name=re.compile(legend))
        group.get_by_label("Day").fill(str(day))
        group.get_by_label("Month").fill(str(month))
        group.get_by_label("Year").fill(str(year))
    page.get_by_role("button", name="Record the contract").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("contract details are recorded")
    sign_out(page, accessible)

    page.goto(base_url + f"/opportunities/{opportunity.id}")
    expect(page.get_by_text("Green Hands CIC").first).to_be_visible()
    expect(page.get_by_text("£40,000.00")).to_be_visible()
    accessible("public award")
    page.goto(base_url + f"/suppliers/{winner.id}")
    expect(page.get_by_role("heading", name="Council contracts won")).to_be_visible()
    accessible("winner's profile")

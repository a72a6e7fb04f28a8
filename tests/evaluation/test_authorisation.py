"""Who sees what, page by page, at the award stage: a bidder never sees another bidder's summary or
anyone's scores; an evaluator sees only their own panel's pages; outsiders get a 404 (suppliers a 403 on
buyer pages), never a hint of what exists."""

from __future__ import annotations

from marketplace.evaluation import queries
from tests.evaluation.factories import approved_award, evaluation_world, through_moderation
from tests.factories import create_admin, create_buyer, owner_of, sign_in
from tests.helpers import PageClient
from tests.opportunities.factories import create_opportunity

# Who → {page: expected status}. The winner is Bidder 1 (cheaper, same quality); Bidder 0 lost.
MATRIX = {
    "owner": {"overview": 200, "scores": 200, "ranking": 200, "summary": 404, "other panel": 404},
    "evaluator": {"overview": 200, "scores": 200, "ranking": 404, "summary": 404, "other panel": 404},
    "moderator": {"overview": 200, "scores": 200, "ranking": 200, "summary": 404, "other panel": 404},
    "other buyer": {"overview": 404, "scores": 404, "ranking": 404, "summary": 404, "other panel": 404},
    "admin": {"overview": 403, "scores": 403, "ranking": 403, "summary": 404, "other panel": 403},
    "losing bidder": {"overview": 403, "scores": 403, "ranking": 403, "summary": 200, "other panel": 403},
    "winning bidder": {"overview": 403, "scores": 403, "ranking": 403, "summary": 200, "other panel": 403},
}


def test_the_authorisation_matrix(app):
    world = evaluation_world()
    through_moderation(world)
    approved_award(world)
    other = create_opportunity()
    people = {
        "owner": world.owner,
        "evaluator": world.evaluators[0],
        "moderator": world.moderator,
        "other buyer": create_buyer(),
        "admin": create_admin(),
        "losing bidder": owner_of(world.organisations[0]),
        "winning bidder": owner_of(world.organisations[1]),
    }
    o = world.opportunity.id
    paths = {
        "overview": f"/buyer/opportunities/{o}/evaluation",
        "scores": f"/buyer/opportunities/{o}/evaluation/scores",
        "ranking": f"/buyer/opportunities/{o}/evaluation/ranking",
        "summary": f"/opportunities/{o}/bid/assessment",
        "other panel": f"/buyer/opportunities/{other.id}/evaluation",
    }
    for who, expected in MATRIX.items():
        client = PageClient(app)
        sign_in(client, people[who])
        for page, status in expected.items():
            assert client.get(paths[page], expected=None).status == status, (who, page)
        if who.endswith("bidder"):
            summary = client.get(paths["summary"])
            own, rival = ("Bidder 0", "Bidder 1") if who == "losing bidder" else ("Bidder 1", "Bidder 0")
            assert f"Assessment summary for {own}" in summary.text
            if who == "losing bidder":
                assert "Evaluator" not in summary.text  # individual scores never reach a bidder
    # the query layer agrees: an evaluator's panels are their own; a stranger reads no bid and no score
    assert [o.id for _, o in queries.panels_of(world.evaluators[0])] == [world.opportunity.id]
    assert queries.panels_of(people["other buyer"]) == []
    assert queries.bids_for(world.opportunity, people["other buyer"]) == []
    assert queries.visible_scores(world.opportunity, people["other buyer"]) is None
    assert queries.standings(world.opportunity, world.evaluators[0]) == []
    anonymous = PageClient(app)
    assert anonymous.get(paths["summary"], expected=None).status == 302  # to sign in

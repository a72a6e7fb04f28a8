"""The public list: words through the search index, filters in SQL, Atom feed; drafts never shown."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree

from marketplace import clock
from tests.notices.factories import create_mission, create_notice

ATOM = "{http://www.w3.org/2005/Atom}"


def _titles(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.soup.select(".app-notice-list h3 a")]


def test_drafts_are_not_listed(client):
    create_notice(title="Published roof repairs")
    create_notice(title="Draft roof repairs", published=False)
    assert _titles(client.get("notices.index")) == ["Published roof repairs"]
    assert _titles(client.get("/notices?q=roof")) == ["Published roof repairs"]


def test_words_are_matched_by_the_search_index_with_best_match_first(client):
    plain = {"description": None, "outcomes": ["Better lives"]}
    create_notice(title="Community gardening on estates", summary="Planting with residents.", **plain)
    create_notice(title="Estate lift repairs", summary="Lifts break down too often.", **plain)
    create_notice(title="School catering", summary="Healthy lunches.", **plain)
    assert _titles(client.get("/notices?q=lift+repairs"))[0] == "Estate lift repairs"
    assert set(_titles(client.get("/notices?q=estates"))) == {"Community gardening on estates", "Estate lift repairs"}
    page = client.get("/notices?q=catring")
    suggestion = page.soup.find("a", string=lambda text: text and text.startswith("cat"))
    assert "Did you mean" in page.text and suggestion is not None
    assert _titles(client.get(suggestion["href"])) == ["School catering"]


def test_outcomes_are_searchable(client):
    create_notice(title="Youth services", outcomes=["Young people feel safe in parks"])
    create_notice(title="Other")
    assert _titles(client.get("/notices?q=parks")) == ["Youth services"]


def test_filters(client):
    estates = create_mission("Estates Mission")
    create_notice(
        title="A",
        mission_id=estates.id,
        categories=["451"],
        wards=["gospel-oak"],
        value_low=Decimal(20_000),
        value_high=Decimal(40_000),
        suitable_vcse=True,
    )
    create_notice(
        title="B",
        categories=["90"],
        wards=["whole-borough"],
        value_low=Decimal(600_000),
        value_high=Decimal(900_000),
        suitable_sme=False,
    )
    create_notice(
        title="C",
        kind="pipeline",
        categories=["50"],
        wards=["belsize"],
        value_low=None,
        value_high=None,
        expected_tender_date=clock.now().date() + timedelta(days=90),
        engagement_closes_at=None,
    )
    assert _titles(client.get(f"/notices?mission={estates.id}")) == ["A"]
    assert _titles(client.get("/notices?category=45")) == ["A"]  # a division finds its groups
    assert sorted(_titles(client.get("/notices?ward=gospel-oak"))) == ["A", "B"]  # whole borough is everywhere
    assert _titles(client.get("/notices?value=under-30k")) == ["A"]
    assert sorted(_titles(client.get("/notices?value=30k-100k&value=500k-2m"))) == ["A", "B"]
    assert _titles(client.get("/notices?suitable=vcse")) == ["A"]
    assert _titles(client.get("/notices?kind=pipeline")) == ["C"]


def test_status_follows_the_clock(client):
    create_notice(title="Soon", engagement_closes_at=clock.now() + timedelta(days=2))
    create_notice(title="Later", engagement_closes_at=clock.now() + timedelta(days=20))
    clock.freeze(clock.now() + timedelta(days=5))
    assert _titles(client.get("/notices?status=open")) == ["Later"]
    assert _titles(client.get("/notices?status=closed")) == ["Soon"]


def test_nonsense_in_the_address_is_ignored(client):
    create_notice(title="Anything")
    for query in (
        "page=-3",
        "page=abc",
        "page=999999999999",
        "mission=x",
        "category=%00",
        "value=lots",
        "status=<script>",
        "q=" + "a" * 5000,
        "q=%22unclosed",
        "q=AND+OR+NOT",
        "page_size=100000",
    ):
        client.get(f"/notices?{query}")
        client.get(f"/notices/feed.atom?{query}")
        # The API is strict instead: it says what it did not understand (tests/platform/test_api_parameters.py).
        assert client.raw(f"/api/v1/notices?{query}").status_code in (200, 400)


def test_paging(client):
    for number in range(23):
        create_notice(title=f"Notice {number:02d}")
    first, second = client.get("notices.index"), client.get("/notices?page=2")
    assert len(_titles(first)) == 20 and len(_titles(second)) == 3
    assert not set(_titles(first)) & set(_titles(second))


def test_every_page_counts_all_the_notices(client):
    # The last page is counted from its rows, the others by the database: the count must agree.
    for number in range(23):
        create_notice(title=f"Notice {number:02d}")
    for path in ("notices.index", "/notices?page=2", "/notices?page=5"):
        assert client.get(path).soup.select_one("#results").get_text(strip=True) == "23 notices", path
    assert client.get("/notices?status=withdrawn").soup.select_one("#results").get_text(strip=True) == "0 notices"


def test_atom_feed(client):
    create_notice(title="Estates & <repairs>")
    create_notice(title="Hidden draft", published=False)
    response = client.get("/notices/feed.atom")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.html.encode())
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Estates & <repairs>"]
    assert feed.find(f"{ATOM}link[@rel='self']") is not None


def test_the_list_needs_few_queries_however_many_notices(client, app):
    from sqlalchemy import event

    from marketplace.extensions import db

    def count_queries() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            client.get("notices.index")
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    mission = create_mission()
    for _ in range(3):
        create_notice(mission_id=mission.id)
    few = count_queries()
    for _ in range(12):
        create_notice(mission_id=mission.id, categories=["50", "90"], wards=["belsize", "gospel-oak"])
    assert count_queries() == few


def test_words_are_filtered_counted_paged_and_highlighted(client):
    for number in range(3):
        create_notice(title=f"Tree care {number}", summary="Gardening on our estates.", categories=["77"])
    create_notice(title="Gardening repairs", summary="Gardening and repairs.", categories=["50"])
    first = client.get("/notices?q=gardening&category=77&page_size=2")
    second = client.get("/notices?q=gardening&category=77&page_size=2&page=2")
    assert "3 notices matching “gardening”" in first.text
    assert sorted(_titles(first) + _titles(second)) == ["Tree care 0", "Tree care 1", "Tree care 2"]
    assert first.html.count("<mark>Gardening</mark> on our estates.") == 2

"""The public market insight page and the admins' insight page: who sees what, charts, tables and CSV."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from marketplace.accounts.models import BUYER, SUPPLIER
from tests.factories import create_admin, create_user, sign_in
from tests.insight.factories import build_market, more_suppliers_based_in

ADMIN_ROUTES = [
    ("insight.admin", {}),
    ("insight.admin_csv", {"key": "headline"}),
    ("insight.figure_list", {"figure": "profiles"}),
]
NAMES = ["Kentish Clean", "Estate Builders", "Big Systems", "Hackney Greens", "Draft Ltd", "Gone Ltd"]


@pytest.fixture
def market(app):
    return build_market()


@pytest.mark.parametrize(("endpoint", "values"), ADMIN_ROUTES)
@pytest.mark.parametrize(("who", "expected"), [(None, 302), (SUPPLIER, 403), (BUYER, 403)])
def test_only_admins_reach_the_admin_insight(app, client, endpoint, values, who, expected):
    if who is not None:
        sign_in(client, create_user(role=who))
    assert client.get(endpoint, expected=None, **values).status == expected


@pytest.mark.parametrize(("endpoint", "values"), ADMIN_ROUTES)
def test_admins_reach_the_admin_insight(app, client, market, endpoint, values):
    sign_in(client, create_admin())
    assert client.get(endpoint, expected=None, **values).status == 200


def test_the_public_page_shows_nothing_about_an_individual_supplier(client, market):
    page = client.get("insight.public")
    assert page.heading == "Market insight"
    assert not any(name in page.html for name in NAMES)
    assert not page.soup.select('a[href*="/admin/"]')
    for cell in page.soup.select("main td"):
        text = cell.get_text(" ", strip=True)
        # Every count in this small market is below 5, so none is shown.
        assert not re.fullmatch(r"[1-4]", text), text


def test_public_csv_is_suppressed_too(client, market):
    response = client.raw("/insight/data/wards.csv")
    body = response.get_data(as_text=True)
    assert "Gospel Oak,fewer than 5,fewer than 5" in body
    assert not any(name in body for name in NAMES)


def test_csv_downloads_are_named_per_rfc_6266(client, market):
    response = client.raw("/insight/data/trend.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"market-insight-trend-2026-06.csv\"; filename*=UTF-8''market-insight-trend-2026-06.csv"
    )


def _ward_row(page, name: str) -> list[str]:
    row = next(tr for tr in page.soup.select("#chart-wards-table tbody tr") if tr.find("th").get_text() == name)
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def test_the_public_ward_table_shows_suppliers_based_in_a_ward_only_from_5(client, market):
    more_suppliers_based_in("gospel-oak", 5)
    page = client.get("insight.public")
    assert _ward_row(page, "Gospel Oak")[1] == "6"  # S1 and the five
    assert _ward_row(page, "Kilburn")[1] == "fewer than 5"
    assert _ward_row(page, "Based in the borough, ward not given")[1] == "fewer than 5"  # S2


def test_admins_see_every_supplier_based_in_a_ward_and_who_they_are(client, market):
    sign_in(client, create_admin())
    page = client.get("insight.admin")
    assert _ward_row(page, "Gospel Oak")[:5] == ["Gospel Oak", "1", "100.0%", "0.0%", "2"]
    link = page.soup.select_one('#chart-wards-table a[href*="base_ward=gospel-oak"]')
    listing = client.get(link["href"])
    assert "1 row" in listing.text and "based in Gospel Oak" in listing.text
    assert [a.get_text(strip=True) for a in listing.soup.select("main table a")] == ["Kentish Clean"]


def test_an_unknown_table_is_not_found(client, market):
    assert client.raw("/insight/data/nothing.csv").status_code == 404


def test_every_chart_is_an_svg_the_policy_allows_with_a_summary_table_and_csv(client, market):
    sign_in(client, create_admin())
    page = client.get("insight.admin")
    policy = page.headers["Content-Security-Policy"]
    sections = page.soup.select("section[aria-labelledby^=chart-]")
    assert len(sections) == 5
    for section in sections:
        key = section["aria-labelledby"].removesuffix("-title").removeprefix("chart-")
        for svg in section.find_all("svg"):  # the wards chart is drawn in two parts, each under its heading
            assert svg["role"] == "img" and svg["aria-labelledby"] in (
                f"chart-{key}-title",
                f"chart-{key}-part-0",
                f"chart-{key}-part-1",
            )
            assert section.find(id=svg["aria-labelledby"]).get_text(strip=True)
            css = svg.find("style").get_text()
            digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy
            assert not svg.select("[style]") and not svg.find("script")
        assert section.find(id=f"chart-{key}-summary").get_text(strip=True)
        assert section.select_one("details table thead th")
        csv_link = section.find("a", string=re.compile("CSV"))
        assert client.raw(csv_link["href"]).status_code == 200


def test_a_public_chart_of_suppressed_numbers_is_not_drawn(client, market):
    page = client.get("insight.public")
    sections = page.soup.select("section[aria-labelledby^=chart-]")
    assert len(sections) == 3
    for section in sections:
        assert section.find("svg") is None
        assert "not enough figures to draw this chart" in section.get_text(" ", strip=True)
        assert section.select_one("details table tbody tr")


def test_the_page_has_no_inline_style_outside_its_charts(client, market):
    page = client.get("insight.public")
    assert not page.soup.select("[style]")
    nonce = page.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert all(style.get("nonce") == nonce for style in page.soup.find_all("style"))


def test_admins_drill_down_from_a_count_to_the_suppliers_behind_it(client, market):
    sign_in(client, create_admin())
    page = client.get("insight.admin")
    link = page.soup.select_one('#groups ~ table a[href*="/list/published"][href*="group=sme"]')
    listing = client.get(link["href"])
    assert "3 rows" in listing.text
    names = [a.get_text(strip=True) for a in listing.soup.select("main table a")]
    assert sorted(names) == ["Estate Builders CIC", "Hackney Greens CIO", "Kentish Clean"]


def test_admins_drill_down_from_a_funnel_step_to_the_engagements(client, market):
    sign_in(client, create_admin())
    page = client.get("insight.admin")
    link = page.soup.select_one('a[href*="/list/step"][href*="step=asked"]')
    listing = client.get(link["href"])
    assert "2 rows" in listing.text
    assert "Kentish Clean" in listing.text and "Hackney Greens CIO" in listing.text


def test_the_funnel_of_one_notice_is_reached_from_the_notices_list(client, market):
    sign_in(client, create_admin())
    listing = client.get("insight.figure_list", figure="notices", window="since-launch")
    funnel = next(a["href"] for a in listing.soup.select("main table a") if "notice=" in a["href"])
    page = client.get(funnel)
    assert "Showing one notice" in page.text


@pytest.mark.parametrize(
    "query",
    [
        "month=2026-99&mission=99999999999999999999&category=zz&from=junk&to=1999-01&notice=-1",
        "month=%00&from=2026-06&to=2024-01",
        "mission=0&category=&notice=2147483648",
    ],
)
def test_junk_in_the_address_never_breaks_the_admin_page(client, market, query):
    sign_in(client, create_admin())
    assert client.raw(f"/admin/insight?{query}").status_code == 200
    assert client.raw(f"/admin/insight/list/profiles?{query}&page=99999999999&group=x&ward=y").status_code == 200


def test_an_unknown_figure_has_no_list(client, market):
    sign_in(client, create_admin())
    assert client.raw("/admin/insight/list/passwords").status_code == 404


def _statements(app, client, path) -> int:
    from sqlalchemy import event

    from marketplace.extensions import db

    client.get(path)  # warm
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def test_the_insight_pages_run_the_same_queries_however_many_suppliers(app, client, market):
    from datetime import timedelta

    from marketplace import clock
    from tests.insight.factories import LOCAL, NOW, SME, publish, supplier

    sign_in(client, create_admin())
    paths = ["/insight", "/admin/insight", "/admin/insight/list/profiles?window=since-launch"]
    before = [_statements(app, client, path) for path in paths]
    clock.freeze(NOW - timedelta(hours=1))
    for number in range(6):
        publish(supplier(f"More {number}", size=SME, vcse=False, postcode=LOCAL, categories=["90"], areas=["kilburn"]))
    clock.freeze(NOW)
    assert "10 rows" in client.get("/admin/insight/list/profiles?window=since-launch").text
    assert [_statements(app, client, path) for path in paths] == before


def test_an_admins_figures_are_kept_a_minute_and_the_page_says_when_they_were_counted(app, client, market):
    app.config["INSIGHT_ADMIN_CACHE_SECONDS"] = 60
    sign_in(client, create_admin())
    first = client.get("/admin/insight?mission=&category=")
    assert "Counted on" in first.text and "kept for up to a minute" in first.text
    kept = _statements(app, client, "/admin/insight")
    app.config["INSIGHT_ADMIN_CACHE_SECONDS"] = 0
    assert kept + 20 < _statements(app, client, "/admin/insight")

"""Anyone reads the market insight; an admin filters the insight, opens a chart's table and follows a count
to the suppliers behind it. Charts are SVG the Content Security Policy allows (no refusal, checked by the
autouse fixture) and every page passes axe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.session import sign_in
from marketplace import clock
from tests.factories import create_admin
from tests.insight.factories import ELSEWHERE, LARGE, LOCAL, NOW, SME, build_market, publish, supplier


@pytest.fixture
def market(app_context):
    """The tests' small market, and 12 more suppliers so the public page has numbers of 5 or more to draw."""
    try:
        market = build_market()  # the clock stays at 15 June 2026 for the journey
        clock.freeze(NOW - timedelta(hours=1))
        for number in range(12):
            local = number % 2 == 0
            organisation = supplier(
                f"Extra supplier {number}",
                size=SME if local else LARGE,
                vcse=not local,
                postcode=LOCAL if local else ELSEWHERE,
                categories=["90"],
                areas=["gospel-oak"],
                base_ward="gospel-oak" if local else None,
            )
            publish(organisation)
        clock.freeze(NOW)
        yield market
    finally:
        clock.freeze(None)


def _chart_is_drawn(page: Page, key: str) -> None:
    chart = page.locator(f"#chart-{key} svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    # The chart's own stylesheet applied (it carries the page's nonce): axis text is not the default black fill
    # on a black background, which is what an SVG looks like when its <style> is refused.
    background = chart.locator("rect.background").first.evaluate("e => getComputedStyle(e).fill")
    assert background in ("rgb(255, 255, 255)", "#ffffff"), background


def test_market_insight_and_admin_insight(page: Page, base_url, market, accessible, tmp_path):
    page.goto(base_url + "/insight")
    expect(page.get_by_role("heading", level=1)).to_have_text("Market insight")
    for key in ("trend", "wards-0", "wards-1", "categories"):
        _chart_is_drawn(page, key)
    accessible("public insight")
    page.get_by_text("Table of the numbers in this chart").first.click()
    expect(page.locator("#chart-trend-table table")).to_be_visible()
    accessible("public insight with a chart's table open")
    page.screenshot(path=str(tmp_path / "market-insight.png"), full_page=True)

    admin = create_admin()
    sign_in(page, base_url, admin.email, accessible)
    page.get_by_role("link", name="Insight", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Insight: June 2026")
    for key in ("trend", "new-profiles", "funnel", "wards-0", "wards-1", "categories"):
        _chart_is_drawn(page, key)
    accessible("admin insight")
    page.get_by_label("Council mission").select_option(label="Estates Mission")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", name="By council mission: since launch")).to_be_visible()
    accessible("admin insight, one mission")
    page.locator("#groups ~ table").first.get_by_role("link", name="3", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Published supplier profiles")
    expect(page.get_by_role("link", name="Kentish Clean")).to_be_visible()
    accessible("drill-down list")

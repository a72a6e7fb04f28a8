"""Every page a person can reach by following links, as each kind of user, passes axe-core.

The demo data gives the pages realistic content; the crawl is capped so the suite stays quick.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from e2e.pages.session import sign_in
from marketplace.demo.services import DEMO_PASSWORD, LOGINS, load_demo_data

MAX_PAGES = 45
SKIP = ("/sign-out", ".csv", ".ics", ".json", ".atom", "/download", "/dev/emails")


def _same_site_links(page: Page, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    paths = []
    for href in hrefs:
        target = urlsplit(urljoin(page.url, href))
        if f"{target.scheme}://{target.netloc}" != base_url or any(part in target.path for part in SKIP):
            continue
        paths.append(target.path + (f"?{target.query}" if target.query else ""))
    return paths


@pytest.mark.parametrize("who", ["anonymous", *[email for _, email, _, _ in LOGINS]])
def test_every_linked_page_passes_axe(page: Page, base_url, app_context, accessible, who):
    with app_context.test_request_context():
        load_demo_data()
    if who != "anonymous":
        sign_in(page, base_url, who, accessible, password=DEMO_PASSWORD)
    queue, seen = ["/"], set()
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(base_url + path)
        assert response is not None and response.status < 500, f"{path}: {response and response.status}"
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        accessible(path)
        queue += [link for link in _same_site_links(page, base_url) if link not in seen]

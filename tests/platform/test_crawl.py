"""Every page reachable by following links, for each kind of user, renders without a server error;
and junk sent to every form on those pages never causes one either."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from marketplace.demo.services import DEMO_PASSWORD, LOGINS
from tests.helpers import Page, PageClient

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone

MAX_PAGES = 120
SKIP = ("/sign-out", "/dev/emails", ".csv", ".ics", ".ocds.json", ".atom", "/download")


def _crawl(client: PageClient) -> dict[str, Page]:
    """Breadth-first over same-site links from the home page: each path once, one request each."""
    seen: dict[str, Page] = {}
    queue = ["/"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        page = seen[path] = client.get(path, expected=None)
        if page.status in (301, 302, 303):
            location = urlsplit(urljoin("http://localhost" + path, page.location))
            if location.netloc in ("", "localhost"):
                queue.append(location.path + (f"?{location.query}" if location.query else ""))
            continue
        if not page.headers.get("Content-Type", "").startswith("text/html"):
            continue
        for link in page.soup.select("a[href]"):
            target = urlsplit(urljoin("http://localhost" + path, link["href"]))
            if (
                target.scheme not in ("", "http")
                or target.netloc not in ("", "localhost")
                or not target.path.startswith("/")
            ):
                continue
            if any(part in target.path for part in SKIP):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


def _signed_in(app, who: str) -> PageClient:
    client = PageClient(app)
    if who != "anonymous":
        client.submit(client.get("accounts.sign_in"), email=who, password=DEMO_PASSWORD, expected=302)
    return client


@pytest.mark.parametrize("who", ["anonymous", *[email for _, email, _, _ in LOGINS]])
def test_no_page_reachable_by_links_fails(demo_app, who):
    seen = _crawl(_signed_in(demo_app, who))
    failures = {path: page.status for path, page in seen.items() if page.status >= 500}
    assert not failures, failures
    assert len(seen) > 10


JUNK = ["", "<script>alert(1)</script>", "x" * 20_000, "-1e999", "31/02/2026", "' OR 1=1 --", "\u202e\u0000", "NaN"]


def _junk(number: int) -> list[str]:
    # NUL everywhere (PostgreSQL refuses it in text), then over-long text everywhere (PostgreSQL, unlike
    # SQLite, enforces column lengths).
    return [JUNK[number % len(JUNK)] + "\x00", "y" * 5000]


@pytest.mark.postgres_only  # the junk is aimed at PostgreSQL's stricter text and lengths
@pytest.mark.parametrize("who", [email for _, email, _, _ in LOGINS])
def test_junk_sent_to_every_form_never_causes_a_server_error(demo_app, who):
    client = _signed_in(demo_app, who)
    pages = [path for path, page in _crawl(client).items() if page.status == 200]
    failures = {}
    for number, path in enumerate(pages):
        for junk in _junk(number):
            page = client.get(path, expected=None)  # afresh: an earlier post may have changed its forms
            for index, form in enumerate(page.soup.find_all("form")):
                if (form.get("method") or "get").lower() != "post" or "sign-out" in (form.get("action") or ""):
                    continue
                action, fields = page.form_fields(index)
                data = {name: (values[0] if name == "csrf_token" else junk) for name, values in fields.items()}
                response = client.raw(action or path, method="POST", data=data)
                if response.status_code >= 500:
                    failures[f"{action or path} ({junk[:20]!r})"] = response.status_code
    assert not failures, failures

"""Every page reachable by following links, for each kind of user, renders without a server error."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from marketplace.demo.services import DEMO_PASSWORD, LOGINS, load_demo_data
from tests.helpers import PageClient

MAX_PAGES = 120
SKIP = ("/sign-out", "/dev/emails", ".csv", ".ics", ".ocds.json", ".atom", "/download")


def _crawl(client: PageClient) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = ["/"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.raw(path)
        seen[path] = response.status_code
        if response.status_code in (301, 302, 303):
            location = urlsplit(urljoin("http://localhost" + path, response.headers["Location"]))
            if location.netloc in ("", "localhost"):
                queue.append(location.path + (f"?{location.query}" if location.query else ""))
            continue
        if response.mimetype != "text/html":
            continue
        page = client.get(path, expected=None)
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


@pytest.mark.parametrize("who", ["anonymous", *[email for _, email, _, _ in LOGINS]])
def test_no_page_reachable_by_links_fails(app, who):
    with app.test_request_context():
        load_demo_data()
    client = PageClient(app)
    if who != "anonymous":
        client.submit(client.get("accounts.sign_in"), email=who, password=DEMO_PASSWORD, expected=302)
    seen = _crawl(client)
    failures = {path: status for path, status in seen.items() if status >= 500}
    assert not failures, failures
    assert len(seen) > 10


JUNK = ["", "<script>alert(1)</script>", "x" * 20_000, "-1e999", "31/02/2026", "' OR 1=1 --", "\u202e\u0000", "NaN"]


@pytest.mark.parametrize("who", [email for _, email, _, _ in LOGINS])
@pytest.mark.parametrize("kind", ["mixed", "long"])
def test_junk_sent_to_every_form_never_causes_a_server_error(app, who, kind):
    with app.test_request_context():
        load_demo_data()
    client = PageClient(app)
    client.submit(client.get("accounts.sign_in"), email=who, password=DEMO_PASSWORD, expected=302)
    pages = [path for path, status in _crawl(client).items() if status == 200]
    failures = {}
    for number, path in enumerate(pages):
        page = client.get(path, expected=None)
        for index, form in enumerate(page.soup.find_all("form")):
            if (form.get("method") or "get").lower() != "post" or "sign-out" in (form.get("action") or ""):
                continue
            action, fields = page.form_fields(index)
            # NUL everywhere (PostgreSQL refuses it in text); or over-long text everywhere
            # (PostgreSQL, unlike SQLite, enforces column lengths).
            junk = JUNK[number % len(JUNK)] + "\x00" if kind == "mixed" else "y" * 5000
            data = {name: (values[0] if name == "csrf_token" else junk) for name, values in fields.items()}
            response = client.raw(action or path, method="POST", data=data)
            if response.status_code >= 500:
                failures[f"{action or path} ({junk[:20]!r})"] = response.status_code
    assert not failures, failures

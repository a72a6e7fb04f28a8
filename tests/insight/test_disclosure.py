"""The public sees no count below 5, and no share resting on fewer than 5 suppliers in or outside a group."""

from __future__ import annotations

import pytest

from marketplace.insight.tables import Formatter

PUBLIC, ADMIN = Formatter(public=True), Formatter(public=False)


@pytest.mark.parametrize(("count", "shown"), [(0, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (1234, "1,234")])
def test_public_counts_below_five_are_suppressed(count, shown):
    cell = PUBLIC.count(count)
    assert cell.text == shown
    assert cell.value == (None if count < 5 else count)


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (4, 40, "fewer than 5"),  # the group is small
        (37, 40, "all but fewer than 5"),  # the rest is small
        (20, 40, "50.0%"),
        (0, 0, "–"),
    ],
)
def test_public_shares_resting_on_fewer_than_five_are_suppressed(part, whole, shown):
    assert PUBLIC.share(part, whole).text == shown


def test_admins_see_every_count_and_share():
    assert ADMIN.count(3, "/x").text == "3" and ADMIN.count(3, "/x").href == "/x"
    assert ADMIN.share(37, 40).text == "92.5%"


def test_public_counts_never_link_to_the_list_behind_them():
    assert PUBLIC.count(50, "/admin/insight/list/profiles").href is None

"""Charts are valid SVG for the Nu HTML Checker: every rect has a size, ids are unique, no nonce on <style>."""

from __future__ import annotations

import re

from marketplace.insight import charts


def test_a_zero_bar_still_has_a_width_and_two_charts_share_no_ids(app):
    with app.test_request_context():
        first = str(charts.bar_chart(["a", "b"], [0, 2], name="x", labelled_by="one"))
        second = str(charts.bar_chart(["a", "b"], [3, 0], name="y", labelled_by="two"))
    rects = re.findall(r"<rect[^>]*>", first + second)
    assert rects and all(" width=" in rect and " height=" in rect for rect in rects)
    ids = re.findall(r' id="([^"]+)"', first + second)
    assert len(ids) == len(set(ids))
    assert "nonce=" not in first

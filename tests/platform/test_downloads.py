"""The one way files are handed out (marketplace/downloads.py)."""

from __future__ import annotations

import pytest

from marketplace.downloads import content_disposition, csv_text, safe_cell


@pytest.mark.parametrize(
    ("filename", "fallback"),
    [("Łódź list.csv", "Lodz list.csv"), ("Café menu.pdf", "Cafe menu.pdf"), ('a"b;c.csv', "a_b_c.csv")],
)
def test_every_name_has_an_ascii_fallback_and_the_exact_utf8_name(filename, fallback):
    header = content_disposition(filename)
    header.encode("latin-1")  # what a WSGI server must be able to send
    assert header.startswith(f"attachment; filename=\"{fallback}\"; filename*=UTF-8''")


@pytest.mark.parametrize("value", ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_could_run_as_a_formula_is_text(value):
    assert safe_cell(value) == "'" + value
    assert csv_text(["a"], [[value]]).splitlines()[1].lstrip('"').startswith("'")

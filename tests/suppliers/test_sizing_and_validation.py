"""Size bands are derived, never asked; postcodes and register numbers are validated gently."""

from __future__ import annotations

import pytest

from marketplace.suppliers import sizing, validation


@pytest.mark.parametrize(
    ("staff", "turnover", "band", "sme"),
    [
        ("1-10", "up-to-1m", "micro", True),
        ("1-10", "1m-15m", "small", True),  # both tests must fit a band; otherwise the larger applies
        ("11-50", "up-to-1m", "small", True),
        ("51-249", "15m-44m", "medium", True),
        ("51-249", "44m-54m", "medium", False),  # Companies Act medium, but over the Procurement Act SME turnover
        ("250+", "up-to-1m", "large", False),
        ("1-10", "over-54m", "large", False),
    ],
)
def test_size_band_and_sme_status_follow_the_thresholds(staff, turnover, band, sme):
    assert sizing.size_band(staff, turnover) == band
    assert sizing.is_sme(staff, turnover) is sme


def test_size_is_unknown_until_both_answers_are_given():
    assert sizing.size_band("1-10", None) is None and sizing.is_sme(None, "up-to-1m") is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("nw51tl", "NW5 1TL"), (" wc1n 3ax ", "WC1N 3AX"), ("EC1A1BB", "EC1A 1BB"), ("M1 1AE", "M1 1AE")],
)
def test_postcodes_are_normalised(typed, stored):
    assert validation.normalise_postcode(typed) == stored


@pytest.mark.parametrize("typed", ["NW5", "12345", "XX1 1XX", "", "NW5 1TLL", "<script>"])
def test_things_that_are_not_postcodes_are_refused(typed):
    assert validation.normalise_postcode(typed) is None


@pytest.mark.parametrize(
    ("scheme", "typed", "stored"),
    [
        ("GB-COH", "01234567", "01234567"),
        ("GB-COH", "1234567", "01234567"),  # a dropped leading zero is put back
        ("GB-COH", "sc123456", "SC123456"),
        ("GB-COH", "NI 012345", "NI012345"),
        ("GB-CHC", "1123456", "1123456"),
        ("GB-SC", "SC012345", "SC012345"),
        ("VAT", "GB 123 4567 89", "GB123456789"),
    ],
)
def test_register_numbers_accept_leading_zeros_and_letter_prefixes(scheme, typed, stored):
    assert validation.normalise_identifier(scheme, typed) == stored


@pytest.mark.parametrize(
    ("scheme", "typed"),
    [("GB-COH", "ABC"), ("GB-COH", "123456789"), ("GB-CHC", "12"), ("GB-SC", "012345"), ("NOPE", "1")],
)
def test_malformed_register_numbers_are_refused(scheme, typed):
    assert validation.normalise_identifier(scheme, typed) is None


def test_based_in_borough_is_derived_from_the_postcode_district():
    assert validation.based_in_borough("NW5 1TL") is True
    assert validation.based_in_borough("M1 1AE") is False
    assert validation.based_in_borough("N7 8DB") is None  # the district crosses the boundary: we ask

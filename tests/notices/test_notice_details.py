"""The notice services take a typed command: every answer named, none dropped on the way."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from marketplace.notices import services
from marketplace.notices.models import ENGAGEMENT
from marketplace.notices.services import NoticeDetails
from tests.factories import create_buyer
from tests.notices.factories import create_notice


def test_a_misspelt_answer_fails_where_the_command_is_built():
    with pytest.raises(TypeError):
        NoticeDetails(kind=ENGAGEMENT, title="Estate repairs", sumary="Repairs on our estates")  # type: ignore[call-arg]


def test_a_buyer_changes_one_answer_and_keeps_the_rest(app):
    buyer = create_buyer()
    notice = create_notice(buyer, categories=["50", "90"], wards=["belsize"], outcomes=["Repairs fixed first time"])
    before = NoticeDetails.of(notice)
    with app.test_request_context():
        changed = services.update_notice(
            notice, buyer, replace(before, value_high=Decimal("300000")), note="More budget"
        )
    assert changed == ["value_high"]
    assert NoticeDetails.of(notice) == replace(before, value_high=Decimal("300000"))
    assert [(change.fields, change.note) for change in notice.changes] == [(["estimated value"], "More budget")]

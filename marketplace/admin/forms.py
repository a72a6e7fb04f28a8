from __future__ import annotations

import re

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import ValidationError

from marketplace.forms import BaseForm, MaxLength, Required

_DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _looks_like_domain(form, field):
    if field.data and not _DOMAIN.match(field.data.strip().lower().lstrip("@")):
        raise ValidationError("Enter a domain in the correct format, like camden.gov.uk")


class AddBuyerDomainForm(BaseForm):
    domain = StringField(
        "Email domain",
        description="Anyone with an email address at this domain can register as a buyer, for example camden.gov.uk",
        widget=GovTextInput(),
        validators=[
            Required("Enter an email domain"),
            MaxLength(253, "Email domain must be 253 characters or fewer"),
            _looks_like_domain,
        ],
    )
    submit = SubmitField("Add domain", widget=GovSubmitInput())


class RemoveBuyerDomainForm(BaseForm):
    submit = SubmitField("Remove", widget=GovSubmitInput())


class SendEmailAgainForm(BaseForm):
    submit = SubmitField("Send again", widget=GovSubmitInput())


class SendAllEmailsAgainForm(BaseForm):
    submit = SubmitField("Send all again", widget=GovSubmitInput())

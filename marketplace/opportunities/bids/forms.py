"""Bid forms. Word limits use the GOV.UK character count component and are enforced on the server:
an over-long answer is refused with everything typed kept, never cut short."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace import fields
from marketplace.forms import BaseForm, Required
from marketplace.opportunities.formkit import area, text, words
from marketplace.suppliers import reference


def _submit(label: str = "Save and continue") -> SubmitField:
    return SubmitField(label, widget=GovSubmitInput())


def eligibility_form(requirements, formdata=None):
    class EligibilityForm(BaseForm):
        submit = _submit("Continue")

        def answers(self) -> dict[int, bool]:
            return {r.id: self[f"requirement_{r.id}"].data == "yes" for r in requirements}

    for number, requirement in enumerate(requirements, start=1):
        setattr(
            EligibilityForm,
            f"requirement_{requirement.id}",
            RadioField(
                f"Essential requirement {number}: {requirement.text}",
                widget=GovRadioInput(),
                choices=[SelectChoice("yes", "Yes, we meet this"), SelectChoice("no", "No")],
                validators=[Required(f"Say whether you meet essential requirement {number}")],
            ),
        )
    return EligibilityForm(formdata=formdata) if formdata is not None else EligibilityForm()


def answer_form(criterion, formdata=None, data=None):
    limit = criterion.word_limit or 500

    class AnswerForm(BaseForm):
        answer = words(criterion.title, limit, hint=criterion.guidance, rows=12)
        submit = _submit()

    return AnswerForm(formdata=formdata, data=data) if formdata is not None else AnswerForm(data=data)


def _amount(field) -> None:
    try:
        value = fields.parse_money(field.data)
    except ValueError:
        raise ValidationError("Enter an amount in pounds, like 125,000") from None
    if value is not None and value <= 0:
        raise ValidationError("Enter an amount more than £0")


class LumpSumForm(BaseForm):
    amount = text("Your price for the whole contract", 20, hint="In pounds, excluding VAT", required="Enter your price")
    submit = _submit()

    def validate_amount(self, field):
        _amount(field)


def day_rates_form(roles, formdata=None):
    class DayRatesForm(BaseForm):
        submit = _submit()

    for position, role in enumerate(roles):
        field = text(
            f"{role['role']}: day rate ({role['days']} days)",
            20,
            hint="In pounds, excluding VAT",
            required=f"Enter a day rate for {role['role']}",
        )
        field.kwargs["validators"].append(lambda form, f: _amount(f))
        setattr(DayRatesForm, f"rate_{position}", field)
    return DayRatesForm(formdata=formdata) if formdata is not None else DayRatesForm()


class CommitmentForm(BaseForm):
    theme = SelectField("Theme", widget=GovSelect(), choices=[], validators=[Required("Select a theme")])
    measure = text(
        "What you commit to",
        200,
        hint="For example, ‘Apprenticeship weeks for local people’",
        required="Enter what you commit to",
    )
    quantity = text("How many", 12, required="Enter how many")
    unit = SelectField("Unit", widget=GovSelect(), choices=[], validators=[Required("Select a unit")])
    period = text(
        "Over what period", 40, hint="For example, over the contract or per year", required="Enter the period"
    )
    submit = _submit("Add commitment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import json

        self.theme.choices = [SelectChoice(slug, t["name"]) for slug, t in reference.social_value_themes().items()]
        units = json.loads((reference.DATA / "social_value_themes.json").read_text())["units"]
        self.unit.choices = [SelectChoice(unit, unit) for unit in units]

    def validate_quantity(self, field):
        try:
            value = fields.parse_money(field.data)
        except ValueError:
            raise ValidationError("Enter how many as a number, like 12") from None
        if value is None or value <= 0:
            raise ValidationError("Enter how many as a number more than 0")


class PartnerSearchForm(BaseForm):
    class Meta:
        csrf = False

    q = text("Find an organisation by name", 100)


class AddPartnerForm(BaseForm):
    organisation = StringField(validators=[Required("Choose an organisation")])
    role = area(
        "What will they do in the bid? (optional)", 500, hint="For example, ‘Runs the resident sessions’", rows=2
    )
    submit = _submit("Add partner")


class DeclarationForm(BaseForm):
    agree = SelectMultipleField(
        "Declaration",
        widget=GovCheckboxesInput(),
        choices=[
            SelectChoice(
                "yes",
                "I confirm that the information in this bid is true, that I am authorised to submit it, and that "
                "our organisation (and every partner) has not colluded with other bidders",
            )
        ],
        validators=[Optional()],
    )
    submit = _submit()


class SubmitBidForm(BaseForm):
    submit = _submit("Submit bid")


class WithdrawForm(BaseForm):
    submit = _submit("Withdraw bid")


class ConfirmForm(BaseForm):
    submit = _submit("Remove")


class PartnerDecisionForm(BaseForm):
    accept = SubmitField("Confirm we are a partner", widget=GovSubmitInput())
    decline = SubmitField("Decline", widget=GovSubmitInput())

"""Evaluation forms: GOV.UK widgets, the council's words, everything typed kept on an error."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice

from marketplace import fields
from marketplace.evaluation.models import CANCELLED, EVALUATOR, MODERATOR, NO_SUITABLE_BID
from marketplace.forms import BaseForm, EmailAddress, MaxLength, Required
from marketplace.opportunities.formkit import area, text


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _submit(label: str) -> SubmitField:
    return SubmitField(label, widget=GovSubmitInput())


class PanelMemberForm(BaseForm):
    email = StringField(
        "Email address of the buyer",
        widget=GovTextInput(),
        validators=[
            Required("Enter the buyer’s email address"),
            EmailAddress(),
            MaxLength(320, "Enter an email address"),
        ],
    )
    role = RadioField(
        "Role on the panel",
        widget=GovRadioInput(),
        choices=_choices(
            [(EVALUATOR, "Evaluator: scores every bid they have no conflict with"), (MODERATOR, "Moderator")]
        ),
        validators=[Required("Choose evaluator or moderator")],
    )
    submit = _submit("Add to the panel")


def declaration_form(organisations: list[tuple[int, str]], formdata=None) -> BaseForm:
    """A yes/no and a description for each bidding organisation."""

    class DeclarationForm(BaseForm):
        submit = _submit("Declare and continue")

    for organisation_id, name in organisations:
        setattr(
            DeclarationForm,
            f"conflict_{organisation_id}",
            RadioField(
                f"Do you have a conflict of interest with {name}?",
                widget=GovRadioInput(),
                choices=_choices([("no", "No conflict"), ("yes", "Yes, I have a conflict")]),
                validators=[Required(f"Say whether you have a conflict with {name}")],
            ),
        )
        setattr(
            DeclarationForm,
            f"description_{organisation_id}",
            area(f"If you have a conflict with {name}, describe it (optional)", 2000, rows=2),
        )
    return DeclarationForm(formdata=formdata)


def score_form(criteria, scale: list[tuple[int, str]], formdata=None, data=None) -> BaseForm:
    class ScoreForm(BaseForm):
        submit = _submit("Save scores")

    for criterion in criteria:
        setattr(
            ScoreForm,
            f"score_{criterion.id}",
            RadioField(
                f"Score for ‘{criterion.title}’",
                widget=GovRadioInput(),
                choices=_choices((str(value), f"{value} – {label}") for value, label in scale),
                validators=[Required(f"Choose a score for ‘{criterion.title}’")],
            ),
        )
        setattr(
            ScoreForm,
            f"justification_{criterion.id}",
            area(
                f"Why this score for ‘{criterion.title}’?",
                4000,
                hint="Refer to what the answer says. The moderator reads this.",
                required=f"Explain your score for ‘{criterion.title}’",
                rows=3,
            ),
        )
    return ScoreForm(formdata=formdata, data=data)


def consensus_form(criteria, scale: list[tuple[int, str]], formdata=None, data=None) -> BaseForm:
    class ConsensusForm(BaseForm):
        submit = _submit("Save consensus scores")

    for criterion in criteria:
        setattr(
            ConsensusForm,
            f"score_{criterion.id}",
            RadioField(
                f"Consensus score for ‘{criterion.title}’",
                widget=GovRadioInput(),
                choices=_choices((str(value), f"{value} – {label}") for value, label in scale),
                validators=[Required(f"Choose the consensus score for ‘{criterion.title}’")],
            ),
        )
        setattr(
            ConsensusForm,
            f"justification_{criterion.id}",
            area(
                f"Justification for ‘{criterion.title}’ (the bidder reads this)",
                4000,
                required=f"Explain the consensus score for ‘{criterion.title}’",
                rows=3,
            ),
        )
        setattr(ConsensusForm, f"note_{criterion.id}", area("Moderation note (optional, internal)", 4000, rows=2))
    return ConsensusForm(formdata=formdata, data=data)


class SubmitScoresForm(BaseForm):
    submit = _submit("Submit all my scores")


class HandlingForm(BaseForm):
    handling = area("How was this conflict handled?", 2000, required="Say how the conflict was handled", rows=3)
    submit = _submit("Save")


class ExcludeForm(BaseForm):
    reason = area(
        "Why is this bid excluded?", 2000, hint="The bidder will see this reason.", required="Enter the reason", rows=3
    )
    submit = _submit("Exclude the bid")


class ProposeForm(BaseForm):
    bid = RadioField(
        "Which bid do you propose to award?", widget=GovRadioInput(), validators=[Required("Choose a bid")]
    )
    reason = area(
        "Reason (needed if the bid is not ranked first, or its price is flagged abnormally low)", 2000, rows=3
    )
    submit = _submit("Propose the award")


class ApproveForm(BaseForm):
    decision = RadioField(
        "Do you approve this award?",
        widget=GovRadioInput(),
        choices=_choices([("approve", "Yes, approve and publish the decision"), ("reject", "No, send it back")]),
        validators=[Required("Choose whether you approve the award")],
    )
    reason = area("If not, why? (the buyer reads this)", 2000, rows=3)
    submit = _submit("Confirm")


class EndForm(BaseForm):
    outcome = RadioField(
        "How does the procurement end?",
        widget=GovRadioInput(),
        choices=_choices([(CANCELLED, "Cancelled"), (NO_SUITABLE_BID, "No suitable bid")]),
        validators=[Required("Choose cancelled or no suitable bid")],
    )
    reason = area("Reason", 2000, hint="Every bidder is told this.", required="Enter the reason", rows=3)
    submit = _submit("End the procurement")


class ExtendForm(BaseForm):
    new_end = fields.date_field("New last day of standstill", "the new last day of standstill")
    reason = area("Reason", 2000, required="Enter the reason for extending standstill", rows=3)
    submit = _submit("Extend standstill")


class QuestionForm(BaseForm):
    question = area(
        "Your question about the decision", 3000, hint="The buyer replies by email.", required="Enter your question"
    )
    submit = _submit("Send the question")


class ContractForm(BaseForm):
    value = text("Contract value in pounds, excluding VAT", 30, required="Enter the contract value")
    start_date = fields.date_field("Start date", "the start date")
    end_date = fields.date_field("End date", "the end date")
    submit = _submit("Record the contract")

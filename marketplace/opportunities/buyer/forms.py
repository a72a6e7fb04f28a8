"""Buyer forms, one per task. Formats are checked on every save; completeness when publishing (rules.py)."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace import fields
from marketplace.forms import BaseForm, EmailAddress, Required
from marketplace.notices import choices as notice_choices
from marketplace.opportunities import choices, rules
from marketplace.opportunities.commands import AboutAnswers, TimetableAnswers, ValueAnswers
from marketplace.opportunities.formkit import area, text, whole_number, words
from marketplace.opportunities.models import ANYONE, INVITED, LOT, QUALITY, SOCIAL_VALUE
from marketplace.suppliers import reference


def _submit(label: str = "Save and continue") -> SubmitField:
    return SubmitField(label, widget=GovSubmitInput())


class TitleForm(BaseForm):
    title = text(
        "Title",
        hint="Say what you are buying, for example ‘Door entry repairs on the Gospel Oak estates’",
        required="Enter a title",
    )
    submit = _submit("Create opportunity")


class FromNoticeForm(BaseForm):
    submit = _submit("Create the opportunity")


class AboutForm(BaseForm):
    title = text("Title", required="Enter a title")
    summary = words(
        "Summary",
        rules.SUMMARY_WORDS,
        hint=f"What you are buying and why, in {rules.SUMMARY_WORDS} words or fewer. Suppliers see this in lists.",
        rows=3,
    )
    description = area(
        "Description (optional)",
        20_000,
        hint="The problem, who it affects and what is already in place. You can use Markdown for lists and links.",
        rows=8,
    )
    outcomes = area(
        "Outcomes you are looking for",
        3_000,
        hint="One per line: results for residents, not things to be delivered",
    )
    mission = SelectField(
        "Council mission (optional)", widget=GovSelect(), choices=[], validators=[Optional()], validate_choice=True
    )
    change_note = area(
        "What has changed, and why? (optional)", 1_000, hint="Suppliers see this in the change history", rows=3
    )
    submit = _submit()

    def __init__(self, *args, missions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.mission.choices = [SelectChoice("", "None"), *[SelectChoice(str(m.id), m.name) for m in missions]]

    def validate_outcomes(self, field):
        outcomes = fields.lines(field.data)
        if len(outcomes) > rules.MAX_OUTCOMES:
            raise ValidationError(f"Enter {rules.MAX_OUTCOMES} outcomes or fewer")
        if any(len(outcome) > 300 for outcome in outcomes):
            raise ValidationError("Each outcome must be 300 characters or fewer")

    def answers(self) -> AboutAnswers:
        mission = self.mission.data
        return AboutAnswers(
            title=self.title.data,
            summary=self.summary.data or None,
            description=self.description.data or None,
            outcomes=fields.lines(self.outcomes.data),
            mission_id=int(mission) if mission and mission.isdigit() else None,
        )


def _requirements(label: str, hint: str):
    return area(label, 20_000, hint=hint, rows=8)


class RequirementsForm(BaseForm):
    essential = _requirements(
        "Essential requirements",
        f"One per line, up to {rules.MAX_REQUIREMENTS}, each {rules.REQUIREMENT_WORDS} words or fewer. "
        "Suppliers must meet every one to bid: they answer yes or no to each",
    )
    nice = _requirements(
        "Nice-to-have requirements (optional)",
        f"One per line, up to {rules.MAX_REQUIREMENTS}, each {rules.REQUIREMENT_WORDS} words or fewer",
    )
    submit = _submit()

    def validate_essential(self, field):
        _check_list(field, "essential requirements")

    def validate_nice(self, field):
        _check_list(field, "nice-to-have requirements")


def _check_list(field, called: str) -> None:
    items = fields.lines(field.data)
    if len(items) > rules.MAX_REQUIREMENTS:
        raise ValidationError(f"Enter {rules.MAX_REQUIREMENTS} {called} or fewer (you entered {len(items)})")
    long = [i + 1 for i, item in enumerate(items) if rules.word_count(item) > rules.REQUIREMENT_WORDS]
    if long:
        lines = ", ".join(str(number) for number in long)
        raise ValidationError(f"Each of the {called} must be {rules.REQUIREMENT_WORDS} words or fewer (line {lines})")


class ValueForm(BaseForm):
    value_low = text("Lowest estimate (optional)", 20, hint="In pounds, excluding VAT, for example 100,000")
    value_high = text("Highest estimate", 20, hint="In pounds, excluding VAT, for example 250,000")
    contract_start_date = fields.date_field("Contract start date", "the contract start date")
    contract_months = text("Contract length in months", 4, hint="For example, 24")
    extension_months = text(
        "Possible extensions in months (optional)", 4, hint="How long the contract could be extended, for example 12"
    )
    change_note = area("What has changed, and why? (optional)", 1_000, rows=3)
    submit = _submit()

    def answers(self) -> ValueAnswers | None:
        self.validate()
        low, high = self._money(self.value_low), self._money(self.value_high)
        if low is not None and high is not None and low > high:
            self.value_high.errors = [
                *self.value_high.errors,
                "The highest estimate must be the same as or more than the lowest",
            ]
        if self.contract_start_date.problem:
            self.contract_start_date.errors = [*self.contract_start_date.errors, self.contract_start_date.problem]
        months = self._months(self.contract_months, "contract length")
        extension = self._months(self.extension_months, "extensions")
        if self.errors:
            return None
        return ValueAnswers(
            value_low=low,
            value_high=high,
            contract_start_date=self.contract_start_date.data,
            contract_months=months,
            extension_months=extension,
        )

    @staticmethod
    def _money(field):
        try:
            return fields.parse_money(field.data)
        except ValueError:
            field.errors = [
                *field.errors,
                f"Enter the {field.label.text.split(' (')[0].lower()} in pounds, like 250,000",
            ]
            return None

    @staticmethod
    def _months(field, called: str) -> int | None:
        if not field.data:
            return None
        number = whole_number(field.data)
        if number is None or not 1 <= number <= 600:
            field.errors = [*field.errors, f"Enter the {called} as a whole number of months, like 24"]
            return None
        return number


class WhereForm(BaseForm):
    category_search = text("Search categories", 100, hint="For example repair, cleaning or youth")
    find = SubmitField("Search", widget=GovSubmitInput())
    categories = SelectMultipleField(
        "Categories", widget=GovCheckboxesInput(), choices=[], validators=[Optional()], validate_choice=True
    )
    wards = SelectMultipleField(
        "Where will the work happen?",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Optional()],
        validate_choice=True,
        description="Select all that apply",
    )
    change_note = area("What has changed, and why? (optional)", 1_000, rows=3)
    submit = _submit()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories.choices = [
            SelectChoice(code, f"{c.label} ({code})") for code, c in reference.categories().items()
        ]
        self.wards.choices = [SelectChoice(k, v) for k, v in notice_choices.locations().items()]

    @property
    def category_hint(self) -> str:
        query = (self.category_search.data or "").strip()
        return reference.category_search_hint(query, len(reference.matching_categories(query)))

    def show_only_visible_categories(self) -> None:
        query = (self.category_search.data or "").strip().lower()
        chosen = set(self.categories.data or [])
        everything = reference.categories()
        if query:
            shown = reference.matching_categories(query)
        else:
            shown = {code for code, c in everything.items() if c.level == "division"}
        self.categories.choices = [choice for choice in self.categories.choices if choice.value in shown | chosen]


class WhoForm(BaseForm):
    who_may_bid = RadioField(
        "Who may bid?",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, v) for k, v in choices.WHO_MAY_BID.items()],
        validators=[Required("Select who may bid")],
    )
    lot = SelectField(
        "Framework lot",
        widget=GovSelect(),
        choices=[],
        validators=[Optional()],
        validate_choice=False,
        description="For a mini-competition: only suppliers on this lot can bid",
    )
    suitable = SelectMultipleField(
        "Who is the work suitable for? (optional)",
        widget=GovCheckboxesInput(),
        choices=[SelectChoice(k, v) for k, v in notice_choices.SUITABILITY.items()],
        validators=[Optional()],
        validate_choice=True,
    )
    reserved = RadioField(
        "Is the contract reserved?",
        widget=GovRadioInput(),
        choices=[SelectChoice(k or "no", v) for k, v in choices.RESERVATIONS.items()],
        validators=[Optional()],
        description="Contracts below the threshold may be reserved for SMEs and VCSEs, or for local suppliers",
    )
    submit = _submit()

    def __init__(self, *args, lots: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lot.choices = [SelectChoice("", "Choose a lot"), *[SelectChoice(k, v) for k, v in lots.items()]]
        self._lots = lots

    def validate_lot(self, field):
        if self.who_may_bid.data == LOT and field.data not in self._lots:
            raise ValidationError("Select the framework lot")

    def details(self) -> dict:
        who = self.who_may_bid.data if self.who_may_bid.data in (ANYONE, LOT, INVITED) else ANYONE
        return {
            "who_may_bid": who,
            "lot_id": self.lot.data if who == LOT else None,
            "suitable_sme": "sme" in (self.suitable.data or []),
            "suitable_vcse": "vcse" in (self.suitable.data or []),
            "reserved": None if self.reserved.data in (None, "", "no") else self.reserved.data,
        }


class InviteSearchForm(BaseForm):
    class Meta:
        csrf = False

    q = text("Find a supplier by name", 100)


class InviteShortlistForm(BaseForm):
    shortlist = SelectField("Invite everyone on a shortlist", widget=GovSelect(), choices=[], validate_choice=False)
    submit = _submit("Invite shortlist")


class InviteOneForm(BaseForm):
    organisation = StringField(validators=[Required("Choose a supplier")])
    submit = _submit("Invite")


class QuestionForm(BaseForm):
    kind = RadioField(
        "What kind of question is it?",
        widget=GovRadioInput(),
        choices=[SelectChoice(QUALITY, "Quality"), SelectChoice(SOCIAL_VALUE, "Social value")],
        validators=[Required("Select what kind of question it is")],
    )
    title = text("Question", 300, required="Enter the question")
    guidance = area("Guidance for bidders (optional)", 3_000, hint="What a good answer covers", rows=4)
    themes = SelectMultipleField(
        "Social value themes this question covers",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Optional()],
        validate_choice=True,
        description="For social value questions: the council’s themes",
    )
    weight = text(
        "Weight (%)", 4, hint="A whole number: every criterion’s weight adds up to 100", required="Enter a weight"
    )
    word_limit = text("Word limit", 5, hint=f"Usually {choices.DEFAULT_WORD_LIMIT}", required="Enter a word limit")
    submit = _submit("Save question")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes.choices = [SelectChoice(slug, t["name"]) for slug, t in reference.social_value_themes().items()]

    def validate_weight(self, field):
        _check_weight(field, "the weight")

    def validate_word_limit(self, field):
        number = whole_number(field.data)
        if number is None or not 1 <= number <= choices.MAX_WORD_LIMIT:
            raise ValidationError(f"The word limit must be a whole number from 1 to {choices.MAX_WORD_LIMIT:,}")


def _check_weight(field, called: str) -> None:
    number = whole_number(field.data)
    if number is None:
        raise ValidationError(f"Enter {called} as a whole number, like 20")
    if number <= 0:
        raise ValidationError(f"{called.capitalize()} must be more than 0")
    if number > 100:
        raise ValidationError(f"{called.capitalize()} must be 100 or less")


class PriceForm(BaseForm):
    price_kind = RadioField(
        "How will bidders give their price?",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, v) for k, v in choices.PRICE_KINDS.items()],
        validators=[Required("Select how bidders give their price")],
    )
    roles = area(
        "Roles and days (for day rates)",
        3_000,
        hint="One role per line with the days you expect, for example ‘Surveyor, 20’. Bidders give a day rate for each",
        rows=5,
    )
    weight = text("Weight of price (%)", 4, required="Enter a weight for price")
    submit = _submit("Save price")

    def validate_weight(self, field):
        _check_weight(field, "the weight for price")

    def parsed_roles(self) -> list[dict] | None:
        roles = []
        for number, line in enumerate(fields.lines(self.roles.data), start=1):
            name, _, days = line.rpartition(",")
            count = whole_number(days)
            if not name.strip() or count is None or not 1 <= count <= 10_000:
                self.roles.errors = [
                    *self.roles.errors,
                    f"Line {number}: write the role, a comma and the days, like ‘Surveyor, 20’",
                ]
                return None
            roles.append({"role": name.strip()[:100], "days": count})
        if self.price_kind.data == "day-rate" and not roles:
            self.roles.errors = [*self.roles.errors, "Name at least one role and its days"]
            return None
        return roles


def weights_form(criteria, formdata=None):
    """One box per criterion; the messages say exactly what is wrong, including the total."""

    class WeightsForm(BaseForm):
        submit = _submit("Save weights")

        def weights(self) -> dict[int, int] | None:
            self.validate()
            values: dict[int, int] = {}
            for criterion in criteria:
                field = self[f"weight_{criterion.id}"]
                number = whole_number(field.data)
                if not (field.data or "").strip():
                    field.errors = [*field.errors, f"Enter a weight for ‘{criterion.title}’"]
                elif number is None:
                    field.errors = [
                        *field.errors,
                        f"The weight for ‘{criterion.title}’ must be a whole number, like 20",
                    ]
                elif number <= 0:
                    field.errors = [*field.errors, f"The weight for ‘{criterion.title}’ must be more than 0"]
                else:
                    values[criterion.id] = number
            if len(values) == len(criteria) and sum(values.values()) != 100:
                first = self[f"weight_{criteria[0].id}"]
                first.errors = [
                    *first.errors,
                    f"The weights add up to {sum(values.values())}%. They must add up to 100%",
                ]
            return None if self.errors else values

    for criterion in criteria:
        setattr(
            WeightsForm,
            f"weight_{criterion.id}",
            text(f"{choices.CRITERION_KINDS[criterion.kind]}: {criterion.title} (%)", 10),
        )
    form = WeightsForm(formdata=formdata) if formdata is not None else WeightsForm()
    return form


class ScaleForm(BaseForm):
    scale = RadioField(
        "Scoring scale",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, choices.SCALE_NAMES[k]) for k in choices.SCORING_SCALES],
        validators=[Required("Select a scoring scale")],
    )
    tie_break = RadioField(
        "If two bids score the same",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, v) for k, v in choices.TIE_BREAKS.items()],
        validators=[Required("Select a tie-break rule")],
    )
    submit = _submit("Save scale")


class TimetableForm(BaseForm):
    questions_close_on = fields.date_field("Clarification questions close", "the date questions close")
    questions_close_time = fields.time_field("Time questions close")
    answers_by_on = fields.date_field("Last answers published by", "the date for the last answers")
    answers_by_time = fields.time_field("Time of the last answers")
    closes_on = fields.date_field("Bids close", "the closing date")
    closes_time = fields.time_field("Time bids close", "For example, 12pm or 17:00")
    expected_award_date = fields.date_field("Expected award date", "the expected award date")
    submit = _submit()

    def fill_from(self, opportunity) -> None:
        fields.fill(self.questions_close_on, self.questions_close_time, opportunity.questions_close_at)
        fields.fill(self.answers_by_on, self.answers_by_time, opportunity.answers_by_at)
        fields.fill(self.closes_on, self.closes_time, opportunity.closes_at)
        self.expected_award_date.data = opportunity.expected_award_date

    def answers(self, *, published_at) -> TimetableAnswers | None:
        self.validate()
        result: dict[str, Any] = {
            "questions_close_at": fields.combine(
                self.questions_close_on, self.questions_close_time, "the date questions close"
            ),
            "answers_by_at": fields.combine(self.answers_by_on, self.answers_by_time, "the date for the last answers"),
            "closes_at": fields.combine(self.closes_on, self.closes_time, "the closing date"),
        }
        if self.expected_award_date.problem:
            self.expected_award_date.errors = [*self.expected_award_date.errors, self.expected_award_date.problem]
        result["expected_award_date"] = self.expected_award_date.data
        closes = result["closes_at"]
        if closes is not None and result["expected_award_date"] and result["expected_award_date"] < closes.date():
            self.expected_award_date.errors = [
                *self.expected_award_date.errors,
                "The expected award date must be after bids close",
            ]
        problems = rules.timetable_problems(
            published_at=published_at, **{k: result[k] for k in ("questions_close_at", "answers_by_at", "closes_at")}
        )
        for name, message in problems.items():
            field = self[name]
            if not field.errors:
                field.errors = [*field.errors, message]
        return None if self.errors else TimetableAnswers(**result)


class ContactForm(BaseForm):
    contact_name = text("Contact name (optional)")
    contact_email = text("Contact email address", 320, required="Enter a contact email address")
    change_note = area("What has changed, and why? (optional)", 1_000, rows=3)
    submit = _submit()

    def validate_contact_email(self, field):
        EmailAddress()(self, field)


class PublishForm(BaseForm):
    submit = _submit("Publish opportunity")


class ConfirmForm(BaseForm):
    submit = _submit("Confirm")


class OpenBidsForm(BaseForm):
    submit = _submit("Open the bids")


class CancelForm(BaseForm):
    reason = words(
        "Why are you cancelling?",
        100,
        hint="Everyone who started a bid is emailed this, and it is shown on the opportunity",
        required="Enter why you are cancelling",
        rows=3,
    )
    confirm = SelectMultipleField(
        "Confirm",
        widget=GovCheckboxesInput(),
        choices=[SelectChoice("yes", "I understand this cannot be undone: the opportunity cannot be reopened")],
        validators=[Required("Confirm that you understand the opportunity cannot be reopened")],
    )
    submit = _submit("Cancel the opportunity")


class ExtendForm(BaseForm):
    closes_on = fields.date_field("New closing date", "the new closing date")
    closes_time = fields.time_field("New closing time", "For example, 12pm or 17:00")
    note = area("Why are you extending? (optional)", 1_000, hint="Suppliers see this in the change history", rows=3)
    submit = _submit("Extend the deadline")

    def closes_at(self):
        self.validate()
        value = fields.combine(self.closes_on, self.closes_time, "the new closing date", required=True)
        return None if self.errors else value

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, StringField, SubmitField, ValidationError

from marketplace.accounts import passwords, queries
from marketplace.forms import BaseForm, EmailAddress, MaxLength, Required

_EMAIL_REQUIRED = "Enter your email address"


def _email_field(label: str = "Email address", hint: str | None = None) -> EmailField:
    return EmailField(
        label,
        description=hint,
        widget=GovTextInput(),
        validators=[
            Required(_EMAIL_REQUIRED),
            MaxLength(320, "Email address must be 320 characters or fewer"),
            EmailAddress(),
        ],
    )


class PasswordPolicy:
    """The password rules checked with every other field, so all the problems show at once."""

    def __init__(self, email_field: str | None = "email"):
        self.email_field = email_field

    def __call__(self, form, field) -> None:
        email_field = getattr(form, self.email_field, None) if self.email_field else None
        problem = passwords.password_problem(field.data or "", (email_field.data or "") if email_field else "")
        if problem:
            raise ValidationError(problem)


def _new_password_field(label: str = "Create a password", email_field: str | None = "email") -> PasswordField:
    return PasswordField(
        label,
        description="Use 10 characters or more. A few unrelated words make a strong password.",
        widget=GovPasswordInput(),
        validators=[Required("Enter a password"), PasswordPolicy(email_field)],
        strip=False,
    )


class RegisterSupplierForm(BaseForm):
    email = _email_field(hint="We’ll send you a link to confirm it")
    password = _new_password_field()
    submit = SubmitField("Create account", widget=GovSubmitInput())


class RegisterBuyerForm(BaseForm):
    full_name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[Required("Enter your full name"), MaxLength(200, "Full name must be 200 characters or fewer")],
    )
    email = _email_field(
        "Council email address", hint="Buyer accounts are for council staff, with a council email address"
    )
    password = _new_password_field()
    submit = SubmitField("Create buyer account", widget=GovSubmitInput())

    def validate_email(self, field) -> None:
        if field.data and "@" in field.data and not queries.is_buyer_domain(queries.normalise_email(field.data)):
            raise ValidationError(
                "Enter a council email address. Buyer accounts are for council staff; suppliers register separately"
            )


class SignInForm(BaseForm):
    email = _email_field()
    password = PasswordField(
        "Password", widget=GovPasswordInput(), validators=[Required("Enter your password")], strip=False
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ForgottenPasswordForm(BaseForm):
    email = _email_field(hint="We’ll email you a link to reset your password")
    submit = SubmitField("Send reset link", widget=GovSubmitInput())


class ResetPasswordForm(BaseForm):
    password = _new_password_field("New password", email_field=None)
    submit = SubmitField("Reset password", widget=GovSubmitInput())


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[Required("Enter your current password")],
        strip=False,
    )
    new_password = _new_password_field("New password", email_field=None)
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ResendVerificationForm(BaseForm):
    submit = SubmitField("Send the link again", widget=GovSubmitInput())


class SignOutForm(BaseForm):
    submit = SubmitField("Sign out", widget=GovSubmitInput())

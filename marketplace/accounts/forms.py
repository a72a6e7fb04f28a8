from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, StringField, SubmitField

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


def _new_password_field(label: str = "Create a password") -> PasswordField:
    return PasswordField(
        label,
        description="Use 10 characters or more. A few unrelated words make a strong password.",
        widget=GovPasswordInput(),
        validators=[Required("Enter a password")],
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
    password = _new_password_field("New password")
    submit = SubmitField("Reset password", widget=GovSubmitInput())


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[Required("Enter your current password")],
        strip=False,
    )
    new_password = _new_password_field("New password")
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ResendVerificationForm(BaseForm):
    submit = SubmitField("Send the link again", widget=GovSubmitInput())


class SignOutForm(BaseForm):
    submit = SubmitField("Sign out", widget=GovSubmitInput())

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import bp, forms, queries, services, tokens
from marketplace.accounts.access import verified_required
from marketplace.accounts.models import BUYER, SUPPLIER
from marketplace.extensions import limiter


def _limit(setting: str):
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"])


def _safe_next(target: str | None) -> str | None:
    """Only same-site relative paths, so the sign-in page can't be used to redirect elsewhere."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _register(form, role: str, template: str):
    if form.validate_on_submit():
        try:
            services.register(
                form.email.data,
                form.password.data,
                role=role,
                full_name=getattr(form, "full_name", None) and form.full_name.data,
            )
        except services.AccountError as error:
            getattr(form, error.field or "email").errors.append(error.message)
        else:
            session["registered_email"] = queries.normalise_email(form.email.data)
            return redirect(url_for("accounts.check_email"))
    return render_template(template, form=form)


@bp.route("/register", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def register():
    return _register(forms.RegisterSupplierForm(), SUPPLIER, "accounts/register.html")


@bp.route("/register/buyer", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def register_buyer():
    return _register(forms.RegisterBuyerForm(), BUYER, "accounts/register_buyer.html")


@bp.get("/register/check-your-email")
def check_email():
    return render_template("accounts/check_email.html", email=session.get("registered_email"))


@bp.get("/verify/<token>")
def verify_email(token: str):
    try:
        user, just_confirmed = services.verify_email(token)
    except tokens.TokenExpired:
        return render_template("accounts/link_problem.html", reason="expired", purpose="verify"), 400
    except tokens.TokenInvalid:
        return render_template("accounts/link_problem.html", reason="invalid", purpose="verify"), 400
    if current_user.is_authenticated and current_user.id != user.id:
        return render_template("accounts/email_confirmed.html")
    if just_confirmed and not current_user.is_authenticated:
        # The first use of the link proves the inbox is theirs: sign them straight in, as a magic link would.
        session.clear()
        login_user(user)
    if current_user.is_authenticated:
        flash("Your email address is confirmed", "success")
        return redirect(url_for("pages.dashboard"))
    return render_template("accounts/email_confirmed.html")


@bp.route("/confirm-your-email", methods=["GET", "POST"])
@login_required
def confirm_email_needed():
    if current_user.is_verified:
        return redirect(url_for("pages.dashboard"))
    form = forms.ResendVerificationForm()
    if form.validate_on_submit():
        services.resend_verification(current_user)
        flash(f"We have sent a new link to {current_user.email}", "success")
        return redirect(url_for("accounts.confirm_email_needed"))
    return render_template("accounts/confirm_email_needed.html", form=form)


@bp.route("/sign-in", methods=["GET", "POST"])
@_limit("RATELIMIT_SIGN_IN")
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("pages.dashboard"))
    form = forms.SignInForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.SignInRefused as refusal:
            form.email.errors.append(refusal.message)
        else:
            session.clear()  # a fresh session on sign-in: nothing carried over from before
            login_user(user)
            return redirect(_safe_next(request.args.get("next")) or url_for("pages.dashboard"))
    return render_template("accounts/sign_in.html", form=form)


@bp.route("/sign-out", methods=["GET", "POST"])
def sign_out():
    form = forms.SignOutForm()
    if request.method == "POST" and form.validate_on_submit():
        if current_user.is_authenticated:
            services.record_sign_out(current_user)
        logout_user()
        session.clear()
        return render_template("accounts/signed_out.html")
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/sign_out.html", form=form)


@bp.route("/forgotten-password", methods=["GET", "POST"])
@_limit("RATELIMIT_PASSWORD_RESET")
def forgotten_password():
    form = forms.ForgottenPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("accounts/reset_sent.html", email=queries.normalise_email(form.email.data))
    return render_template("accounts/forgotten_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@_limit("RATELIMIT_PASSWORD_RESET")
def reset_password(token: str):
    try:
        services.user_for_reset_token(token)
    except tokens.TokenExpired:
        return render_template("accounts/link_problem.html", reason="expired", purpose="reset"), 400
    except tokens.TokenInvalid:
        return render_template("accounts/link_problem.html", reason="invalid", purpose="reset"), 400
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except services.AccountError as error:
            form.password.errors.append(error.message)
        else:
            logout_user()
            flash("Your password has been reset. Sign in with your new password", "success")
            return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/reset_password.html", form=form)


@bp.get("/account")
@login_required
def account():
    """The account area: who is signed in, change password, sign out (kept out of the main navigation)."""
    return render_template("accounts/account.html", form=forms.SignOutForm())


@bp.route("/account/change-password", methods=["GET", "POST"])
@verified_required
def change_password():
    form = forms.ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.new_password.data)
        except services.AccountError as error:
            # Every change_password error names its field; the new password's is the safe place otherwise.
            getattr(form, error.field or "new_password").errors.append(error.message)
        else:
            login_user(
                current_user._get_current_object()
            )  # keep this session: its id now carries the new session version
            flash("Your password has been changed", "success")
            return redirect(url_for("pages.dashboard"))
    return render_template("accounts/change_password.html", form=form)

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from marketplace.accounts import queries as account_queries
from marketplace.accounts import services as account_services
from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN
from marketplace.admin import bp
from marketplace.admin.forms import (
    AddBuyerDomainForm,
    RemoveBuyerDomainForm,
    SendAllEmailsAgainForm,
    SendEmailAgainForm,
)
from marketplace.mail import queries as mail_queries
from marketplace.mail import services as mail_services


@bp.before_request
@role_required(ADMIN)
def admins_only():
    return None


@bp.get("/")
def index():
    return render_template("admin/index.html")


@bp.route("/buyer-domains", methods=["GET", "POST"])
def buyer_domains():
    form = AddBuyerDomainForm()
    if form.validate_on_submit():
        try:
            entry = account_services.add_buyer_domain(form.domain.data, added_by=current_user)
        except account_services.AccountError as error:
            form.domain.errors.append(error.message)
        else:
            flash(f"{entry.domain} added. People with an email address there can now register as buyers", "success")
            return redirect(url_for("admin.buyer_domains"))
    return render_template(
        "admin/buyer_domains.html",
        form=form,
        remove_form=RemoveBuyerDomainForm(),
        domains=account_queries.list_buyer_domains(),
    )


@bp.post("/buyer-domains/<int:domain_id>/remove")
def remove_buyer_domain(domain_id: int):
    entry = account_queries.get_buyer_domain(domain_id) or abort(404)
    if RemoveBuyerDomainForm().validate_on_submit():
        account_services.remove_buyer_domain(entry, removed_by=current_user)
        flash(f"{entry.domain} removed. Existing buyer accounts are not affected", "success")
    return redirect(url_for("admin.buyer_domains"))


@bp.get("/emails")
def emails():
    """Emails the worker gave up on (after a day of retries, or because they could not be built)."""
    return render_template(
        "admin/emails.html",
        given_up=mail_queries.list_given_up(),
        counts=mail_queries.count_by_status(),
        form=SendEmailAgainForm(),
        all_form=SendAllEmailsAgainForm(),
    )


@bp.post("/emails/<int:email_id>/send-again")
def send_email_again(email_id: int):
    email = mail_queries.get_email(email_id) or abort(404)
    if SendEmailAgainForm().validate_on_submit() and mail_services.requeue(email, actor_id=current_user.id):
        flash(f"The email to {email.recipient} will be sent again", "success")
    return redirect(url_for("admin.emails"))


@bp.post("/emails/send-all-again")
def send_all_emails_again():
    if SendAllEmailsAgainForm().validate_on_submit():
        count = mail_services.requeue_all_given_up(actor_id=current_user.id)
        flash(f"{count} email(s) will be sent again", "success")
    return redirect(url_for("admin.emails"))

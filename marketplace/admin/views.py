from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from marketplace.accounts import queries as account_queries
from marketplace.accounts import services as account_services
from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN
from marketplace.admin import bp
from marketplace.admin.forms import AddBuyerDomainForm, RemoveBuyerDomainForm


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

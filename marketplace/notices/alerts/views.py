from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.notices import bp
from marketplace.notices.alerts import queries, services
from marketplace.notices.alerts.forms import CATEGORIES, WARDS, AlertPreferencesForm
from marketplace.suppliers.access import organisation_member_required


@bp.route("/supplier/alerts", methods=["GET", "POST"])
@organisation_member_required
def alerts(organisation):
    subscription = queries.get_subscription(current_user.id)
    form = AlertPreferencesForm()
    if request.method == "GET" and subscription is not None:
        form.send_for.data = [
            key for key, on in ((CATEGORIES, subscription.match_categories), (WARDS, subscription.match_wards)) if on
        ]
    if form.validate_on_submit():
        chosen = set(form.send_for.data or [])
        saved = services.save_preferences(
            current_user, match_categories=CATEGORIES in chosen, match_wards=WARDS in chosen
        )
        flash(
            "You will get an email when new notices match your organisation"
            if saved
            else "You will not get emails about new notices",
            "success",
        )
        return redirect(url_for("notices.alerts"))
    return render_template("notices/alerts.html", form=form, organisation=organisation, subscription=subscription)

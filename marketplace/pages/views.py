from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from marketplace.accounts.access import verified_required
from marketplace.evaluation import queries as evaluation_queries
from marketplace.evaluation import rules as evaluation_rules
from marketplace.opportunities.dashboard import buyer_opportunities
from marketplace.pages import bp
from marketplace.pages.dashboards import buyer_engagement


@bp.get("/")
def home():
    return render_template("pages/home.html")


@bp.get("/dashboard")
@verified_required
def dashboard():
    """One address for 'your account'; each role has its own home."""
    if current_user.is_admin:
        return redirect(url_for("admin.index"))
    if current_user.is_buyer:
        return render_template(
            "pages/buyer_dashboard.html",
            engagement=buyer_engagement(current_user),
            opportunities=buyer_opportunities(current_user),
            panels=len(evaluation_queries.panels_of(current_user)),
            approvals=sum(
                1
                for award, _ in evaluation_queries.awaiting_approval()
                if evaluation_rules.can_approve(award, current_user)
            ),
        )
    return redirect(url_for("suppliers.dashboard"))


@bp.get("/accessibility-statement")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/cookies")
def cookies():
    return render_template("pages/cookies.html")

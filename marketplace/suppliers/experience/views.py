"""Pages for the optional 'Experience' and 'Social value' profile sections.

Records are always looked up within the signed-in member's own organisation, so another
organisation's id is a 404: we never say that it exists (no 403).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.suppliers import bp
from marketplace.suppliers.access import organisation_member_required
from marketplace.suppliers.experience import queries, services
from marketplace.suppliers.experience.forms import WORD_LIMIT, CaseStudyForm, CommitmentForm, DeleteForm
from marketplace.suppliers.models import CaseStudy, Organisation, SocialValueCommitment

# Case studies -----------------------------------------------------------------------------------


def _case_study_or_404(organisation: Organisation, case_study_id: int) -> CaseStudy:
    return queries.get_case_study(organisation.id, case_study_id) or abort(404)


@bp.get("/supplier/profile/case-studies")
@organisation_member_required
def case_studies(organisation: Organisation):
    return render_template(
        "suppliers/experience/case_studies.html",
        organisation=organisation,
        case_studies=queries.list_case_studies(organisation.id),
    )


@bp.route("/supplier/profile/case-studies/new", methods=["GET", "POST"])
@organisation_member_required
def add_case_study(organisation: Organisation):
    form = CaseStudyForm()
    if form.validate_on_submit():
        services.add_case_study(organisation, current_user, **form.details())
        flash("Your case study has been added", "success")
        return redirect(url_for("suppliers.case_studies"))
    return render_template(
        "suppliers/experience/case_study_form.html", form=form, case_study=None, word_limit=WORD_LIMIT
    )


@bp.route("/supplier/profile/case-studies/<int:case_study_id>/edit", methods=["GET", "POST"])
@organisation_member_required
def edit_case_study(organisation: Organisation, case_study_id: int):
    case_study = _case_study_or_404(organisation, case_study_id)
    # A submitted form shows what was typed; only a fresh page starts from what is saved.
    form = CaseStudyForm() if request.method == "POST" else CaseStudyForm.for_case_study(case_study)
    if form.validate_on_submit():
        services.update_case_study(organisation, current_user, case_study, **form.details())
        flash("Your case study has been updated", "success")
        return redirect(url_for("suppliers.case_studies"))
    return render_template(
        "suppliers/experience/case_study_form.html", form=form, case_study=case_study, word_limit=WORD_LIMIT
    )


@bp.route("/supplier/profile/case-studies/<int:case_study_id>/delete", methods=["GET", "POST"])
@organisation_member_required
def delete_case_study(organisation: Organisation, case_study_id: int):
    case_study = _case_study_or_404(organisation, case_study_id)
    form = DeleteForm()
    if form.validate_on_submit():
        title = case_study.title  # read before the row is gone
        services.delete_case_study(organisation, current_user, case_study)
        flash(f"‘{title}’ has been deleted", "success")
        return redirect(url_for("suppliers.case_studies"))
    return render_template(
        "suppliers/experience/confirm_delete.html",
        form=form,
        what="case study",
        name=case_study.title,
        back=url_for("suppliers.case_studies"),
    )


# Social value commitments -----------------------------------------------------------------------


def _commitment_or_404(organisation: Organisation, commitment_id: int) -> SocialValueCommitment:
    return queries.get_commitment(organisation.id, commitment_id) or abort(404)


@bp.get("/supplier/profile/social-value")
@organisation_member_required
def social_value(organisation: Organisation):
    return render_template(
        "suppliers/experience/social_value.html",
        organisation=organisation,
        groups=queries.list_commitments_by_theme(organisation.id),
    )


@bp.route("/supplier/profile/social-value/new", methods=["GET", "POST"])
@organisation_member_required
def add_commitment(organisation: Organisation):
    form = CommitmentForm()
    if form.validate_on_submit():
        services.add_commitment(organisation, current_user, **form.details())
        flash("Your social value commitment has been added", "success")
        return redirect(url_for("suppliers.social_value"))
    form.fill_in_unit()
    return render_template("suppliers/experience/commitment_form.html", form=form, commitment=None)


@bp.route("/supplier/profile/social-value/<int:commitment_id>/edit", methods=["GET", "POST"])
@organisation_member_required
def edit_commitment(organisation: Organisation, commitment_id: int):
    commitment = _commitment_or_404(organisation, commitment_id)
    form = CommitmentForm() if request.method == "POST" else CommitmentForm.for_commitment(commitment)
    if form.validate_on_submit():
        services.update_commitment(organisation, current_user, commitment, **form.details())
        flash("Your social value commitment has been updated", "success")
        return redirect(url_for("suppliers.social_value"))
    form.fill_in_unit()
    return render_template("suppliers/experience/commitment_form.html", form=form, commitment=commitment)


@bp.route("/supplier/profile/social-value/<int:commitment_id>/delete", methods=["GET", "POST"])
@organisation_member_required
def delete_commitment(organisation: Organisation, commitment_id: int):
    commitment = _commitment_or_404(organisation, commitment_id)
    form = DeleteForm()
    if form.validate_on_submit():
        services.delete_commitment(organisation, current_user, commitment)
        flash("Your social value commitment has been deleted", "success")
        return redirect(url_for("suppliers.social_value"))
    return render_template(
        "suppliers/experience/confirm_delete.html",
        form=form,
        what="commitment",
        name=commitment.measure,
        back=url_for("suppliers.social_value"),
    )

"""Editors' pages: the list (with overdue reviews, views and usefulness), writing, review, versions, files,
links, archiving, and (admins) who may edit."""

from __future__ import annotations

import difflib
import logging
from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from marketplace.accounts import queries as account_queries
from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.guides import bp, display, figures, places, queries, rules, services
from marketplace.guides.forms import ArchiveForm, AttachmentForm, ChangeForm, ConfirmForm, EditorForm, GuideForm
from marketplace.storage import StorageError

log = logging.getLogger(__name__)


def editor_required(view):
    @wraps(view)
    @role_required(BUYER, ADMIN)
    def wrapped(*args, **kwargs):
        if not queries.is_editor(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def with_guide(view):
    @wraps(view)
    @editor_required
    def wrapped(*args, guide_id: int, **kwargs):
        guide = queries.get_guide(guide_id) or abort(404)
        return view(*args, guide=guide, **kwargs)

    return wrapped


def _manage(guide):
    return redirect(url_for("guides.manage", guide_id=guide.id))


@bp.get("/guides/manage")
@editor_required
def manage_list():
    return render_template("guides/manage/list.html", rows=figures.guide_rows(), readers=figures.readers_who_bid())


@bp.route("/guides/manage/new", methods=["GET", "POST"])
@editor_required
def new():
    form = GuideForm(editors=queries.list_editors())
    if request.method == "GET":
        form.owner_id.data, form.review_months.data, form.audience.data = str(current_user.id), "12", "suppliers"
    elif _save(form, lambda values: services.create_guide(current_user, **values), guide=None):
        guide = queries.get_by_slug(form.values()["slug"])
        flash(f"‘{form.title.data}’ has been saved as a draft", "success")
        return _manage(guide)
    return render_template("guides/manage/edit.html", form=form, guide=None)


@bp.route("/guides/manage/<int:guide_id>/edit", methods=["GET", "POST"])
@with_guide
def edit(guide):
    if not rules.can_edit(guide):
        abort(404)
    form = GuideForm(obj=guide if request.method == "GET" else None, editors=queries.list_editors())
    if request.method == "GET":
        form.owner_id.data, form.review_months.data = str(guide.owner_id or ""), str(guide.review_months)
    elif _save(form, lambda values: services.update_guide(guide, current_user, **values), guide=guide):
        flash("Your changes have been saved", "success")
        return _manage(guide)
    return render_template("guides/manage/edit.html", form=form, guide=guide)


def _save(form: GuideForm, save, *, guide) -> bool:
    """Check the form and the service's rules together (every error at once); save only if all pass."""
    values = form.values()
    if not form.validate():
        form.add_errors(
            {k: v for k, v in services.check_content(values, guide=guide).items() if not getattr(form, k).errors}
        )
        return False
    try:
        save(values)
    except services.GuideInvalid as invalid:
        form.add_errors(invalid.errors)
        return False
    except services.GuideError as error:
        form.body.errors = [*form.body.errors, error.message]
        return False
    return True


@bp.get("/guides/manage/<int:guide_id>")
@with_guide
def manage(guide):
    views, feedback = queries.view_counts().get(guide.id, 0), queries.feedback_counts().get(guide.id, (0, 0))
    return render_template(
        "guides/manage/guide.html",
        guide=guide,
        review=display.review_dates(guide),
        changed=services.has_unpublished_changes(guide),
        may_publish=guide.status == "in-review" and current_user.id not in (guide.submitted_by_id, guide.edited_by_id),
        views=views,
        useful=feedback,
        comments=queries.feedback_for(guide.id),
        placements=[(p, places.resolve(p.place)) for p in guide.placements],
        confirm=ConfirmForm(),
        preview=display.render_body(guide, guide.body),
    )


@bp.route("/guides/manage/<int:guide_id>/submit", methods=["GET", "POST"])
@with_guide
def submit(guide):
    form = ChangeForm()
    first = guide.live_number is None
    if request.method == "GET" and first:
        form.kind.data = "major"
    if request.method == "POST" and form.validate():
        try:
            services.submit_for_review(guide, current_user, kind=form.kind.data, note=form.note.data)
        except services.GuideInvalid as invalid:
            for name, message in invalid.errors.items():
                getattr(form, name).errors = [*getattr(form, name).errors, message]
        except services.GuideError as error:
            flash(error.message, "info")
            return _manage(guide)
        else:
            flash("The guide has been sent for review. Another content editor must publish it", "success")
            return _manage(guide)
    return render_template("guides/manage/submit.html", form=form, guide=guide, first=first)


def _confirmed_action(guide, action, done: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        action()
    except services.GuideError as error:
        flash(error.message, "info")
    else:
        flash(done, "success")
    return _manage(guide)


@bp.post("/guides/manage/<int:guide_id>/publish")
@with_guide
def publish(guide):
    return _confirmed_action(guide, lambda: services.publish(guide, current_user), "The guide has been published")


@bp.post("/guides/manage/<int:guide_id>/return")
@with_guide
def send_back(guide):
    return _confirmed_action(
        guide, lambda: services.return_to_draft(guide, current_user), "The guide has been sent back as a draft"
    )


@bp.post("/guides/manage/<int:guide_id>/reviewed")
@with_guide
def reviewed(guide):
    return _confirmed_action(guide, lambda: services.mark_reviewed(guide, current_user), "Marked as reviewed today")


@bp.get("/guides/manage/<int:guide_id>/compare")
@with_guide
def compare(guide):
    numbers = [v.number for v in guide.versions]
    if not numbers:
        abort(404)
    old = request.args.get("from", type=int) or (numbers[1] if len(numbers) > 1 else numbers[0])
    new = request.args.get("to", type=int) or numbers[0]
    if old not in numbers or new not in numbers:
        abort(404)
    older, newer = queries.get_version(guide.id, old), queries.get_version(guide.id, new)
    if older is None or newer is None:
        abort(404)
    lines = list(
        difflib.unified_diff(
            older.body.splitlines(), newer.body.splitlines(), f"Version {old}", f"Version {new}", lineterm="", n=2
        )
    )[2:]
    changes = [
        (
            "added"
            if line.startswith("+")
            else "removed"
            if line.startswith("-")
            else "gap"
            if line.startswith("@@")
            else "same",
            line[1:] if not line.startswith("@@") else "…",
        )
        for line in lines
    ]
    fields = [
        name for name in ("title", "summary", "topics", "audience") if getattr(older, name) != getattr(newer, name)
    ]
    return render_template(
        "guides/manage/compare.html",
        guide=guide,
        older=older,
        newer=newer,
        changes=changes,
        fields=fields,
        numbers=numbers,
        confirm=ConfirmForm(),
    )


@bp.post("/guides/manage/<int:guide_id>/versions/<int:number>/restore")
@with_guide
def restore(guide, number: int):
    version = queries.get_version(guide.id, number) or abort(404)
    return _confirmed_action(
        guide,
        lambda: services.restore(guide, version, current_user),
        f"Version {number} has been copied into the draft. Send it for review to publish it",
    )


@bp.route("/guides/manage/<int:guide_id>/attachments", methods=["GET", "POST"])
@with_guide
def attachments(guide):
    form = AttachmentForm()
    if form.validate_on_submit() and form.checked is not None:
        try:
            attachment = services.add_attachment(guide, current_user, title=form.title.data, checked=form.checked)
        except services.GuideInvalid as invalid:
            form.file.errors = [*form.file.errors, invalid.message]
        except StorageError:
            log.exception("Could not store an attachment for guide %s", guide.id)
            form.file.errors = [*form.file.errors, "The file could not be saved. Try again"]
        else:
            flash(f"‘{attachment.title}’ has been uploaded", "success")
            return redirect(url_for("guides.attachments", guide_id=guide.id))
    return render_template("guides/manage/attachments.html", guide=guide, form=form, confirm=ConfirmForm())


@bp.post("/guides/manage/<int:guide_id>/attachments/<int:attachment_id>/remove")
@with_guide
def remove_attachment(guide, attachment_id: int):
    found = queries.get_attachment(guide.id, attachment_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.remove_attachment(guide, found, current_user)
    except services.GuideError as error:
        flash(error.message, "info")
    else:
        flash(f"‘{found.title}’ has been removed", "success")
    return redirect(url_for("guides.attachments", guide_id=guide.id))


@bp.route("/guides/manage/<int:guide_id>/links", methods=["GET", "POST"])
@with_guide
def placements(guide):
    from marketplace.guides.forms import PlacementForm

    form = PlacementForm()
    if form.validate_on_submit():
        try:
            services.add_placement(guide, current_user, place=places.make(form.kind.data, form.reference.data))
        except services.GuideInvalid as invalid:
            form.reference.errors = [*form.reference.errors, invalid.message]
        else:
            flash("The guide has been linked", "success")
            return redirect(url_for("guides.placements", guide_id=guide.id))
    return render_template(
        "guides/manage/links.html",
        guide=guide,
        form=form,
        placements=[(p, places.resolve(p.place)) for p in guide.placements],
        confirm=ConfirmForm(),
    )


@bp.post("/guides/manage/<int:guide_id>/links/<int:placement_id>/remove")
@with_guide
def remove_placement(guide, placement_id: int):
    placement = next((p for p in guide.placements if p.id == placement_id), None) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.remove_placement(guide, placement, current_user)
    flash("The link has been removed", "success")
    return redirect(url_for("guides.placements", guide_id=guide.id))


@bp.route("/guides/manage/<int:guide_id>/archive", methods=["GET", "POST"])
@with_guide
def archive(guide):
    if guide.status == "archived":
        abort(404)
    form = ArchiveForm()
    candidates = [g for g in queries.list_live() if g.id != guide.id]
    form.replacement.choices = [SelectChoice("", "No replacement")] + [
        SelectChoice(str(g.id), g.title) for g in candidates
    ]
    if form.validate_on_submit():
        chosen = next((g for g in candidates if str(g.id) == form.replacement.data), None)
        try:
            services.archive(guide, current_user, replacement=chosen)
        except services.GuideInvalid as invalid:
            form.replacement.errors = [*form.replacement.errors, invalid.message]
        else:
            flash(f"‘{guide.title}’ has been archived", "success")
            return redirect(url_for("guides.manage_list"))
    return render_template("guides/manage/archive.html", guide=guide, form=form, linked=len(guide.placements))


@bp.route("/guides/manage/editors", methods=["GET", "POST"])
@role_required(ADMIN)
def editors():
    form = EditorForm()
    if form.validate_on_submit():
        user = account_queries.get_user_by_email(form.email.data)
        if user is None or not user.is_buyer:
            form.email.errors = [*form.email.errors, "There is no council buyer with this email address"]
        else:
            services.grant_editor(user, granted_by=current_user)
            flash(f"{user.email} can now write and review guides", "success")
            return redirect(url_for("guides.editors"))
    return render_template(
        "guides/manage/editors.html", form=form, editors=queries.list_granted_editors(), confirm=ConfirmForm()
    )


@bp.post("/guides/manage/editors/<int:user_id>/remove")
@role_required(ADMIN)
def remove_editor(user_id: int):
    user = account_queries.get_user(user_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.revoke_editor(user, revoked_by=current_user)
    flash(f"{user.email} can no longer edit guides", "success")
    return redirect(url_for("guides.editors"))

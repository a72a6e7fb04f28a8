"""Admins add, rename and retire missions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN
from marketplace.notices import bp, queries, services
from marketplace.notices.missions.forms import MissionForm


@bp.route("/admin/missions", methods=["GET", "POST"])
@role_required(ADMIN)
def missions():
    form = MissionForm()
    if form.validate_on_submit():
        try:
            mission = services.add_mission(current_user, name=form.name.data, description=form.description.data or None)
        except services.NoticeError as error:
            form.name.errors = [*form.name.errors, error.message]
        else:
            flash(f"‘{mission.name}’ added", "success")
            return redirect(url_for("notices.missions"))
    return render_template("notices/missions/list.html", form=form, missions=queries.list_missions())


@bp.route("/admin/missions/<int:mission_id>", methods=["GET", "POST"])
@role_required(ADMIN)
def edit_mission(mission_id: int):
    mission = queries.get_mission(mission_id) or abort(404)
    form = MissionForm(obj=mission)
    if form.validate_on_submit():
        try:
            services.update_mission(
                mission,
                current_user,
                name=form.name.data,
                description=form.description.data or None,
                active=bool(form.active.data),
            )
        except services.NoticeError as error:
            form.name.errors = [*form.name.errors, error.message]
        else:
            flash("Mission saved", "success")
            return redirect(url_for("notices.missions"))
    return render_template(
        "notices/missions/edit.html",
        form=form,
        mission=mission,
        notice_count=queries.count_notices_for_mission(mission.id),
    )

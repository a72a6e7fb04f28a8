"""Development only: a page listing the emails the service has written, so people can click links."""

from __future__ import annotations

from flask import abort, current_app, render_template

from marketplace.mail import bp, queries


@bp.before_request
def only_when_enabled():
    if not current_app.config.get("DEV_MAIL_PAGE"):
        abort(404)


@bp.get("/")
def list_emails():
    return render_template("mail/list_emails.html", emails=queries.list_recent_emails())

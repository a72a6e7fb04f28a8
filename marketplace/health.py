"""/healthz: JSON about the state of each part (database now; search and storage register theirs)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from marketplace.extensions import db

bp = Blueprint("health", __name__)


def register_check(app, name: str, check: Callable[[], dict]) -> None:
    app.extensions.setdefault("health_checks", {})[name] = check


def database_check() -> dict:
    db.session.execute(text("SELECT 1"))
    return {"ok": True, "dialect": db.engine.dialect.name}


@bp.get("/healthz")
def healthz():
    report, healthy = {}, True
    for name, check in current_app.extensions.get("health_checks", {}).items():
        try:
            report[name] = check()
        except Exception as error:  # a health page reports failures rather than raising them
            db.session.rollback()
            report[name] = {"ok": False, "error": error.__class__.__name__}
        healthy = healthy and report[name].get("ok", False)
    return jsonify(status="ok" if healthy else "degraded", **report), 200 if healthy else 503

"""GOV.UK-styled error pages. JSON for the API. 500s roll the session back and are logged."""

from __future__ import annotations

import logging

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from marketplace.api_params import BadParameter
from marketplace.extensions import db
from marketplace.storage import ObjectNotFound, StorageError

log = logging.getLogger("marketplace.errors")

TEMPLATES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "too_many_requests",
}


def _wants_json() -> bool:
    """The JSON API, open data files (.json) and the health check answer errors in JSON."""
    return request.path.startswith("/api/") or request.path.endswith(".json") or request.path == "/healthz"


def _render(status: int, template: str, **context):
    if _wants_json():
        return jsonify(error=context.get("description") or template.replace("_", " ")), status
    return render_template(f"errors/{template}.html", **context), status


def register_error_handlers(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return _render(
            400,
            "session_expired",
            back=request.referrer if request.referrer and request.referrer.startswith(request.host_url) else None,
        )

    @app.errorhandler(StorageError)
    def storage_error(error: StorageError):
        """The file store is unreachable (an S3 outage): a page saying so, not a 500."""
        db.session.rollback()
        if isinstance(error, ObjectNotFound):
            log.error("Stored object missing on %s %s: %s", request.method, request.path, error)
            return _render(404, "not_found")
        log.exception("File storage unavailable on %s %s", request.method, request.path)
        body, status = _render(503, "service_unavailable", description="file storage is unavailable, try again later")
        return body, status, {"Retry-After": "60"}

    @app.errorhandler(BadParameter)
    def bad_parameter(error: BadParameter):
        db.session.rollback()
        return jsonify(error=str(error)), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if status >= 500:
            return server_error(error)
        template = TEMPLATES.get(status, "bad_request")
        body, status = _render(status, template, description=error.description if _wants_json() else None)
        # Keep what the error itself says in headers: `Allow` on a 405, `Retry-After` on a 429.
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return body, status, headers

    @app.errorhandler(Exception)
    def server_error(error):
        db.session.rollback()
        if not isinstance(error, HTTPException):
            log.exception("Unhandled error on %s %s", request.method, request.path)
        return _render(500, "server_error")

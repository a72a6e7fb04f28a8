"""Frameworks and dynamic purchasing systems: defined as data, applied to in one sitting, evaluated fairly."""

from flask import Blueprint

bp = Blueprint("frameworks", __name__)
admin_bp = Blueprint("frameworks_admin", __name__, url_prefix="/admin/frameworks")

"""Council admin pages: buyer email domains now; frameworks, moderation and insight later."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

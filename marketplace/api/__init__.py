"""The public JSON API (/api/v1): open data about published suppliers and notices.

Every route answers JSON, including errors (400 for bad parameters, never a 500 for input).
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

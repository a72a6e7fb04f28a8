"""Buyer tools: named shortlists of suppliers (with notes, CSV download) and saved searches."""

from flask import Blueprint

bp = Blueprint("shortlists", __name__, url_prefix="/buyer")

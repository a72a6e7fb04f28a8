"""Pages everyone sees: the start page, the dashboard switch, and the footer's policy pages."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

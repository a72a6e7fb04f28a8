"""Pages everyone sees (the start page, the dashboard switch, the footer's policy pages) and the dashboards,
which show several domains at once (`dashboards.py`)."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

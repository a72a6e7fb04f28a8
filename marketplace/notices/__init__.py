"""Early market engagement: notices (pipeline and preliminary market engagement), missions,
interest and partnering, alerts, and the open data (OCDS, JSON API, Atom) built from them."""

from flask import Blueprint

bp = Blueprint("notices", __name__)

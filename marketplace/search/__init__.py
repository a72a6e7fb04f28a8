"""Search: a Whoosh index derived from the database (the database stays the source of truth).

`engine.py` is the pure search engine; `services.py` connects it to the app: which document
types exist, where their documents come from, and catching up with the database.
"""

from flask import Blueprint

bp = Blueprint("search", __name__)

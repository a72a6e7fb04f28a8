"""Guides: capability-building resources written by council staff, shown at the point of need.

Layer: above evaluation, opportunities, events, notices, frameworks, suppliers (it imports them, never the
reverse); below insight. Lower pages show linked guides through slots filled in `slots.py`.
A guide's public page always shows its latest published version; the guide row holds the working copy that
editors change, which a second editor reviews before it becomes the next version.
"""

from flask import Blueprint

bp = Blueprint("guides", __name__)

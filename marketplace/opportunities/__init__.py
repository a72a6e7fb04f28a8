"""Opportunities and sealed bids: buyers publish a tender (often from an engagement notice), suppliers
bid alone or together until the deadline, and the buyer opens the bids after it.

Layer: above events, notices, frameworks, shortlists, suppliers, questions and accounts (it imports
them, never the reverse). Lower pages show opportunities through slots filled in `init_app`.
Every read of bid content goes through `marketplace.opportunities.bids.sealing`.
"""

from flask import Blueprint

bp = Blueprint("opportunities", __name__)

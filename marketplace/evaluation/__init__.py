"""Evaluation, award and feedback (issue 13): the panel and its conflict declarations, blind scoring,
moderation to consensus, ranking, the four-eyes award, assessment summaries, standstill and contract details.

Bids are read only through `opportunities/bids/sealing.py`: the panel is a registered reader there
(`access.register`), with conflict gating in the same SQL condition.
"""

from flask import Blueprint

bp = Blueprint("evaluation", __name__)

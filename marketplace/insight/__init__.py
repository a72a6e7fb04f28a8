"""Supply-base insight: is the council's market becoming more local, smaller and more social?

Figures (suppliers, notices, interest, events, questions, frameworks), breakdowns by ward, CPV division and
mission, the engagement funnel and monthly series; an admin page with filters and drill-down, a public page
with small cells suppressed, CSV downloads, the `/api/v1/insight` open data and monthly snapshots.
Sits above every other domain (it reads their models) and below the pages, API, admin and demo layers.
"""

from flask import Blueprint

bp = Blueprint("insight", __name__)

"""Imports every module that adds routes to the opportunities blueprint, and registers the
opportunity search document type when the blueprint is registered."""

from marketplace.opportunities import api, bp, clarifications, search_documents, views  # noqa: F401
from marketplace.opportunities.bids import files_views, joint_views  # noqa: F401
from marketplace.opportunities.bids import views as bid_views  # noqa: F401
from marketplace.opportunities.buyer import audience_views, criteria_views, manage_views  # noqa: F401
from marketplace.opportunities.buyer import views as buyer_views  # noqa: F401

bp.record_once(lambda state: search_documents.register())


def init_app(app) -> None:
    """Register the blueprint, its commands and what it adds to lower domains' pages."""
    from marketplace.opportunities import panels
    from marketplace.opportunities.cli import opportunities_cli

    app.register_blueprint(bp)
    app.cli.add_command(opportunities_cli)
    panels.init_app(app)

"""Imports every module that adds routes to the opportunities blueprint; `init_app` registers it and its commands."""

from marketplace.opportunities import api, bp, clarifications, views  # noqa: F401
from marketplace.opportunities.bids import files_views, joint_views  # noqa: F401
from marketplace.opportunities.bids import views as bid_views  # noqa: F401
from marketplace.opportunities.buyer import audience_views, criteria_views, manage_views  # noqa: F401
from marketplace.opportunities.buyer import views as buyer_views  # noqa: F401


def init_app(app) -> None:
    from marketplace.opportunities.cli import opportunities_cli

    app.register_blueprint(bp)
    app.cli.add_command(opportunities_cli)

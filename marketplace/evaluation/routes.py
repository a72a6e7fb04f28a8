"""Imports every module that adds routes to the evaluation blueprint; `init_app` registers it, the panel's
right to read opened bids (see access.py) and the `flask opportunities remind` command."""

from marketplace.evaluation import access, bp, views  # noqa: F401


def init_app(app) -> None:
    from marketplace.evaluation.cli import register_commands

    access.register()
    app.register_blueprint(bp)
    register_commands()

"""Imports every module that adds routes to the guides blueprint; `init_app` registers it and its commands."""

from marketplace.guides import bp, editor_views, places, rules, views  # noqa: F401


@bp.app_context_processor
def _guide_helpers():
    return {"guide_rules": rules, "place_kinds": places.KINDS, "guide_editor": _is_editor}


def _is_editor() -> bool:
    from flask_login import current_user

    from marketplace.guides.queries import is_editor

    return is_editor(current_user)


def init_app(app) -> None:
    from marketplace.guides.cli import guides_cli

    app.register_blueprint(bp)
    app.cli.add_command(guides_cli)

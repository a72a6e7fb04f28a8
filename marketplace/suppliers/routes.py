"""Imports every module that adds routes to the suppliers blueprint; gives templates `profile_labels`."""

from marketplace.suppliers import bp, labels, team_views, views  # noqa: F401
from marketplace.suppliers.documents import views as document_views  # noqa: F401
from marketplace.suppliers.experience import views as experience_views  # noqa: F401

bp.record_once(lambda state: state.app.jinja_env.globals.update(profile_labels=labels))

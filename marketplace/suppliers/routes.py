"""Imports every module that adds routes to the suppliers blueprint."""

from marketplace.suppliers import team_views, views  # noqa: F401
from marketplace.suppliers.documents import views as document_views  # noqa: F401
from marketplace.suppliers.experience import views as experience_views  # noqa: F401

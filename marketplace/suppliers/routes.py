"""Imports every module that adds routes to the suppliers blueprint."""
from marketplace.suppliers import views  # noqa: F401
from marketplace.suppliers import team_views  # noqa: F401
from marketplace.suppliers.experience import views  # noqa: F401
from marketplace.suppliers.documents import views  # noqa: F401

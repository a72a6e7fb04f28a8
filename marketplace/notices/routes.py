"""Imports every module that adds routes (and commands) to the notices blueprint."""

from marketplace.notices import api, buyer_views, cli, views  # noqa: F401
from marketplace.notices.alerts import views as _alerts  # noqa: F401
from marketplace.notices.clarifications import views as _clarifications  # noqa: F401
from marketplace.notices.interest import views as _interest  # noqa: F401
from marketplace.notices.missions import views as _missions  # noqa: F401

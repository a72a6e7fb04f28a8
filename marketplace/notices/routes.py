"""Imports every module that adds routes (and commands) to the notices blueprint, and registers
the notice document type with the search services when the blueprint is registered."""

from marketplace.notices import api, bp, buyer_views, cli, search_documents, views  # noqa: F401
from marketplace.notices.alerts import views as _alerts  # noqa: F401
from marketplace.notices.clarifications import views as _clarifications  # noqa: F401
from marketplace.notices.interest import views as _interest  # noqa: F401
from marketplace.notices.missions import views as _missions  # noqa: F401

bp.record_once(lambda state: search_documents.register())

"""Imports every module that adds routes to the events blueprint."""

from marketplace.events import buyer_views, views  # noqa: F401

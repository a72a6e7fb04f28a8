"""Imports every module that adds routes or commands to the insight blueprint."""

from marketplace.insight import bp, cli, views  # noqa: F401

"""Realistic demonstration data for `make run` and for trying the service by hand."""

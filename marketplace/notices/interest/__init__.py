"""Registering interest in a notice, and the partner list for consortia."""

"""Audit trail: who changed what, and when. Every write service records an event."""

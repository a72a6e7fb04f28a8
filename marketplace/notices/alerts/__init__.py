"""Email alerts: a daily digest of new notices matching a supplier's categories or wards."""

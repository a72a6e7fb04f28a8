"""Council missions notices can be tagged with; admins keep the list."""

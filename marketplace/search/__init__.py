"""Search: a Whoosh index derived from the database (the database stays the source of truth).

`engine.py` is the pure search engine; `services.py` connects it to the app: which document
types exist (`sources.py`, registered by the domains that own them), where their documents come from,
and catching up with the database. The engine imports no domain.
"""

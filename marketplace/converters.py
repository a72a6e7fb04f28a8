"""URL converters used app-wide."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

# The largest id any table holds (PostgreSQL `integer`); a bigger number cannot name a row.
MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that matches only ids a database column can hold, so a huge id is a 404, not a 500."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max, signed=signed)


def init_app(app) -> None:
    app.url_map.converters["int"] = BoundedIntConverter

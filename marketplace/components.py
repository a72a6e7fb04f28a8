"""GOV.UK components rendered by their own macros, and kept per process for parameters seen before.

A list page calls the same components with the same parameters on every request (a status tag per row, a filter
panel, the search box, the pagination of a popular page), and each macro call costs tens to hundreds of
microseconds in Jinja. `{{ component('govukTag', {...}) }}` renders through govuk-frontend-jinja's macro the
first time and reuses that markup for equal parameters: the markup is always the component's own. A component's
output depends on its parameters alone, so sharing it between requests and users is safe; the store is bounded
(MAX_KEPT entries, MAX_KEPT_CHARS characters of markup) and emptied when full. The characters matter: a
profile's summary list or a search's filter checkboxes are kilobytes, and seldom asked for again; at 4,096 of
those a gunicorn worker kept ~20 MB (tests/benchmarks/README.md, worker memory). While templates reload
(development) every call renders afresh.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from flask import current_app
from markupsafe import Markup

MAX_KEPT = 4096
MAX_KEPT_CHARS = 1_000_000  # of markup; the keys (the parameters) take about as much again
_WORD = re.compile(r"(?<!^)(?=[A-Z])")


class _Unhashable(Exception):
    pass


def _frozen(value: Any) -> Any:
    """A hashable key that tells apart what the macro tells apart (text from markup, True from 1). Exact types
    first: this runs for every call, over parameters that can hold a few hundred values. Mappings keep their
    order: the same parameters in another order are another key (rendered once more), never a wrong one."""
    kind = type(value)
    if kind is str:
        return value
    if kind is dict:
        return (dict, tuple([(key if type(key) is str else str(key), _frozen(item)) for key, item in value.items()]))
    if kind is list or kind is tuple:
        return (list, tuple([_frozen(item) for item in value]))
    if isinstance(value, Markup):
        return (Markup, str(value))
    if isinstance(value, str):
        return str(value)
    if value is None or isinstance(value, bool | int | float):
        return (kind, value)
    if isinstance(value, Mapping):
        return (dict, tuple([(str(key), _frozen(item)) for key, item in value.items()]))
    if isinstance(value, list | tuple):
        return (list, tuple([_frozen(item) for item in value]))
    raise _Unhashable(kind.__name__)


def _macro(name: str) -> Callable[[Mapping[str, Any]], str]:
    """`govukSummaryList` -> the macro in govuk_frontend_jinja/components/summary-list/macro.html."""
    folder = _WORD.sub("-", name.removeprefix("govuk")).lower()
    template = current_app.jinja_env.get_template(f"govuk_frontend_jinja/components/{folder}/macro.html")
    return getattr(template.module, name)


def component(name: str, params: Mapping[str, Any]) -> Markup:
    if current_app.jinja_env.auto_reload:
        return Markup(_macro(name)(params))
    try:
        key = (name, _frozen(params))
    except _Unhashable:
        return Markup(_macro(name)(params))
    kept: dict[Any, Markup] = current_app.extensions.setdefault("components", {})
    markup = kept.get(key)
    if markup is None:
        markup = Markup(_macro(name)(params))
        chars = current_app.extensions.get("components_chars", 0) + len(markup)
        if len(kept) >= MAX_KEPT or chars > MAX_KEPT_CHARS:
            kept.clear()
            chars = len(markup)
        kept[key] = markup
        current_app.extensions["components_chars"] = chars
    return markup

"""Template globals and filters: the council's name, navigation for the signed-in role, dates."""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Callable, KeysView, MutableMapping
from datetime import datetime
from typing import Any

from flask import Flask, current_app, request, url_for
from flask.templating import Environment
from flask_login import current_user
from markupsafe import Markup, escape

from marketplace.clock import to_london

_URL = re.compile(r"(https?://[^\s<>\"']+)")


# Each role's service navigation: what they do most, short enough for one line at 1280px with room for
# one more item each (guides, insight). Account actions (change password, sign out) are in the
# account area at the end of the bar, not here. Other pages are reached from each role's dashboard.
NAVIGATION = {
    "supplier": [
        ("Dashboard", "suppliers.dashboard"),
        ("Opportunities", "opportunities.index"),
        ("Notices", "notices.index"),
        ("Events", "events.index"),
        ("Your profile", "suppliers.task_list"),
    ],
    "buyer": [
        ("Dashboard", "pages.dashboard"),
        ("Find suppliers", "search.suppliers"),
        ("Opportunities", "opportunities.dashboard"),
        ("Notices", "notices.dashboard"),
        ("Events", "events.index"),
    ],
    "admin": [
        ("Admin", "admin.index"),
        ("Frameworks", "frameworks_admin.index"),
        ("Opportunities", "opportunities.dashboard"),
        ("Notices", "notices.index"),
        ("Events", "events.index"),
        ("Insight", "insight.admin"),
    ],
    "anonymous": [
        ("Opportunities", "opportunities.index"),
        ("Notices", "notices.index"),
        ("Events", "events.index"),
        ("Find suppliers", "search.suppliers"),
        ("Market insight", "insight.public"),
    ],
}


def service_navigation() -> list[dict]:
    role = "anonymous"
    if current_user.is_authenticated and current_user.is_verified:
        role = "admin" if current_user.is_admin else "supplier" if current_user.is_supplier else "buyer"
    navigation = []
    for text, endpoint in NAVIGATION[role]:
        href = url_for(endpoint)
        navigation.append(
            {"href": href, "text": text, "active": request.path == href or request.path.startswith(href + "/")}
        )
    return navigation


def london_datetime(value: datetime | None, fmt: str = "%-d %B %Y at %-I:%M%p") -> str:
    if value is None:
        return ""
    return to_london(value).strftime(fmt).replace("AM", "am").replace("PM", "pm")


def london_date(value: datetime | None) -> str:
    return london_datetime(value, "%-d %B %Y")


def linkify(text: str) -> Markup:
    """Escape plain text, then make its URLs clickable (for the development email page)."""
    escaped = str(escape(text))
    linked = _URL.sub(r'<a class="govuk-link" href="\1">\1</a>', escaped)
    return Markup(linked.replace("\n", "<br>\n"))


# A task list's status for each progress label the domains use: done as plain text, the rest as a tag coloured
# by what it asks of the user (blue: carry on, yellow: act on it, grey: nothing to do yet).
_TASK_DONE = ("Completed", "Submitted")
_TASK_TAG_CLASSES = {
    "In progress": "govuk-tag--blue",
    "Incomplete": "govuk-tag--blue",
    "Waiting for partners": "govuk-tag--blue",
    "Changes not submitted": "govuk-tag--yellow",
}


def task_status(label: str, wording: dict[str, str] | None = None) -> dict:
    """govukTaskList's `status` for a progress label; `wording` shows some labels as other plain text."""
    if wording and label in wording:
        return {"text": wording[label]}
    if label in _TASK_DONE:
        return {"text": label}
    return {"tag": {"text": label, "classes": _TASK_TAG_CLASSES.get(label, "govuk-tag--grey")}}


def page_window(page: int, pages: int) -> list[int | None]:
    """The page numbers a pagination shows: the first, the last and those either side of this one, with None
    where GOV.UK pagination puts an ellipsis (a link to each of hundreds of pages cost most of a list's CPU)."""
    page = min(max(page, 1), pages)
    numbers = sorted({1, pages, *range(max(1, page - 1), min(pages, page + 1) + 1)})
    window: list[int | None] = []
    for previous, number in zip([0, *numbers], numbers):
        if number - previous > 1:
            window.append(None)
        window.append(number)
    return window


def rendered_once(name: str, caller: Callable[[], str]) -> Markup:
    """`{% call rendered_once(name) %}...{% endcall %}`: markup that is the same for every request and user (built
    from the configuration, constants and the app's own URLs only) is rendered by the first request of each process
    and reused. Never for anything that depends on the user, the request's data or the database, unless the name
    holds all it depends on (a notice's status tag: `'notice status tag ' ~ status`, one of four). Rendered every
    time while templates reload (development), so an edit shows."""
    if current_app.jinja_env.auto_reload:
        return Markup(caller())
    rendered = current_app.extensions.setdefault("rendered_once", {})
    key = (name, request.script_root)
    if key not in rendered:
        rendered[key] = Markup(caller())
    return rendered[key]


class TemplateGlobals(ChainMap):
    """A template's globals (its own over the environment's), whose keys compare in C, not key by key in Python.

    Every `{% from ... import %}` of a template already loaded asks which globals the importing context has that
    the imported template lacks (`ctx.globals_keys - template.globals.keys()`): a ChainMap's keys view answers that
    with a Python-level lookup per key. With ~30 globals that cost 25-50 us an import, and a GOV.UK component
    imports its helpers on every call (80-100 imports on a list page). A template loaded without globals of its own
    (all of ours) answers with the environment's own `dict_keys`, which is always current and set-like.
    """

    def keys(self) -> KeysView:
        if len(self.maps) == 2 and not self.maps[0]:
            return self.maps[1].keys()
        return dict.fromkeys(self).keys()


class TemplateEnvironment(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return TemplateGlobals({} if d is None else d, self.globals)


class App(Flask):
    """The Flask application, with templates whose imports are cheap (see TemplateGlobals)."""

    jinja_environment = TemplateEnvironment


def init_app(app) -> None:
    from marketplace.components import component
    from marketplace.markdown import render_markdown

    app.jinja_env.globals.update(
        service_navigation=service_navigation,
        task_status=task_status,
        page_window=page_window,
        rendered_once=rendered_once,
        component=component,
    )
    app.jinja_env.filters.update(
        london_datetime=london_datetime, london_date=london_date, linkify=linkify, markdown=render_markdown
    )

    @app.context_processor
    def council():
        return {"council_name": app.config["COUNCIL_NAME"], "service_name": app.config["SERVICE_NAME"]}

"""Slots: places on a lower domain's page that a higher domain fills, without the lower one importing it.

Domains are layered (see the README's "how the house is laid out"): `events` may import `notices`, never the
reverse. Yet a notice's page shows its events, and later its opportunity. The notice view asks for what fills a
named slot; the events domain registered a provider for that slot when the app was built.

    # events/slots.py, run by the app factory while the app is created
    slots.fill(app, "notices.show.related", notice_events_panel)

    # notices/views.py
    panels = slots.gather("notices.show.related", notice=notice, viewer=current_user)

    # templates/notices/show.html
    {% for panel in panels %}{% include panel.template %}{% endfor %}

A provider returns a `Panel` (a template and the data it needs) or None when it has nothing to add.
Providers run in registration order; the view passes the result to its template, so templates run no queries.

Some slots carry data rather than panels: what a lower domain's export or search document includes from a higher
one (a notice's OCDS release lists its events; a supplier's search document, the framework lots it is on).
`collect` gives those providers' answers as they are:

    # frameworks/slots.py
    slots.fill(app, "suppliers.search.lot_labels", queries.list_lot_labels)

    # suppliers/search/params.py
    labels = {lot: label for found in slots.collect("suppliers.search.lot_labels") for lot, label in found.items()}

Slots are filled in `<domain>/slots.py` (`register(app)`), called by the app factory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app


@dataclass(frozen=True)
class Panel:
    template: str
    data: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:  # templates read panel.<name> for the data it carries
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None


def fill(app: Flask, slot: str, provider: Callable[..., Any]) -> None:
    """Register `provider` for `slot` on this app (call it while the app is being created)."""
    app.extensions.setdefault("slots", {}).setdefault(slot, []).append(provider)


def gather(slot: str, **context: Any) -> list[Panel]:
    """Every panel the registered providers give for `slot`, in registration order."""
    return collect(slot, **context)


def collect(slot: str, **context: Any) -> list[Any]:
    """What every provider registered for `slot` gives (leaving out None), in registration order."""
    providers = current_app.extensions.get("slots", {}).get(slot, [])
    return [found for provider in providers if (found := provider(**context)) is not None]

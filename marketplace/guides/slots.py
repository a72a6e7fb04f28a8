"""What guides add to lower domains' pages (see marketplace/slots.py), registered by the app factory.

Any page can ask `slots.gather("guides.linked", places=[...])` with its place keys (see places.py) and include
the panels it gets: the live guides editors linked there. The notice page asks its usual related slot.
"""

from __future__ import annotations

from flask import Flask

from marketplace import slots
from marketplace.guides import queries

LINKED = "guides.linked"


def register(app: Flask) -> None:
    slots.fill(app, LINKED, linked_panel)
    slots.fill(app, "notices.show.related", notice_panel)


def linked_panel(
    *, places: list[str], heading: str = "Help with this", anchor: str = "help", **_
) -> slots.Panel | None:
    guides = list(dict.fromkeys(guide for _, guide in queries.live_guides_for_places(places)))
    if not guides:
        return None
    return slots.Panel("guides/_linked.html", {"guides": guides, "heading": heading, "anchor": anchor})


def notice_panel(*, notice, **_) -> slots.Panel | None:
    return linked_panel(places=[f"notice:{notice.id}"], heading="Guidance for this notice", anchor="notice")

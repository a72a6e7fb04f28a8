"""What opportunities add to lower domains' pages and emails (providers in `panels.py`), registered by the app
factory: the notice page (its opportunity; "Turn into an opportunity" for its buyer) and the alert digest."""

from __future__ import annotations

from flask import Flask

from marketplace import slots
from marketplace.opportunities import panels


def register(app: Flask) -> None:
    slots.fill(app, "notices.show.related", panels.notice_panel)
    slots.fill(app, "notices.alert_digest", panels.digest_panel)

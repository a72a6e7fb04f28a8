"""An Atom feed of opportunities (RFC 4287), built with ElementTree so everything is escaped."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from flask import current_app

from marketplace import clock
from marketplace.links import external_url
from marketplace.opportunities import choices, rules
from marketplace.suppliers import reference
from marketplace.template_helpers import london_datetime

ATOM = "http://www.w3.org/2005/Atom"


def _iso(value) -> str:
    return value.isoformat().replace("+00:00", "Z")


def atom(opportunities, *, self_url: str, page_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "id", page_url)
    _text(root, "title", f"Opportunities – {current_app.config['COUNCIL_NAME']}")
    _text(root, "updated", _iso(max((o.updated_at for o in opportunities), default=clock.now())))
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", current_app.config["COUNCIL_NAME"])
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/atom+xml")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=page_url, type="text/html")
    for opportunity in opportunities:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        link = external_url("opportunities.show", opportunity_id=opportunity.id)
        _text(entry, "id", link)
        _text(entry, "title", opportunity.title)
        _text(entry, "published", _iso(opportunity.published_at or opportunity.created_at))
        _text(entry, "updated", _iso(opportunity.updated_at))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=link, type="text/html")
        status = choices.STATUS_LABELS.get(rules.public_status(opportunity), opportunity.status)
        closes = f" Bids close {london_datetime(opportunity.closes_at)}." if opportunity.closes_at else ""
        _text(entry, "summary", f"{status}.{closes} {opportunity.summary or ''}".strip())
        for code in opportunity.category_codes:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=code, label=reference.category_label(code))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _text(parent, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text

"""An Atom feed of notices (RFC 4287), built with ElementTree so everything is escaped."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from flask import current_app

from marketplace import clock
from marketplace.links import external_url
from marketplace.notices import choices

ATOM = "http://www.w3.org/2005/Atom"


def _iso(value) -> str:
    return value.isoformat().replace("+00:00", "Z")


def atom(notices, *, self_url: str, page_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "id", page_url)
    _text(root, "title", f"Notices – {current_app.config['COUNCIL_NAME']}")
    _text(root, "updated", _iso(max((n.updated_at for n in notices), default=clock.now())))
    _author(root, current_app.config["COUNCIL_NAME"])
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/atom+xml")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=page_url, type="text/html")
    for notice in notices:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        link = external_url("notices.show", notice_id=notice.id)
        _text(entry, "id", link)
        _text(entry, "title", notice.title)
        _text(entry, "published", _iso(notice.published_at or notice.created_at))
        _text(entry, "updated", _iso(notice.updated_at))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=link, type="text/html")
        kind = choices.KINDS.get(notice.kind, notice.kind)
        status = choices.STATUS_LABELS.get(notice.public_status(), notice.status)
        summary = f"{kind} ({status}). {notice.summary or ''}"
        _text(entry, "summary", summary.strip())
        for code in notice.category_codes:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=code, label=choices.reference.category_label(code))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _text(parent, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _author(parent, name: str) -> None:
    author = ET.SubElement(parent, f"{{{ATOM}}}author")
    _text(author, "name", name)

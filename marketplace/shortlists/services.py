"""Shortlist and saved-search writes: one commit per action, each audited."""

from __future__ import annotations

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.downloads import csv_text
from marketplace.extensions import db
from marketplace.shortlists.models import SavedSearch, Shortlist, ShortlistEntry
from marketplace.suppliers import labels
from marketplace.suppliers.models import Organisation


def create_shortlist(owner: User, name: str) -> Shortlist:
    shortlist = Shortlist(owner_id=owner.id, name=name)
    db.session.add(shortlist)
    db.session.flush()
    record("shortlist.created", shortlist, actor_id=owner.id, name=name)
    db.session.commit()
    return shortlist


def add_to_shortlist(shortlist: Shortlist, organisation: Organisation, actor: User, note: str | None) -> ShortlistEntry:
    """Adding a supplier twice updates the note rather than listing them twice."""
    entry = next((e for e in shortlist.entries if e.organisation_id == organisation.id), None)
    if entry is None:
        entry = ShortlistEntry(shortlist=shortlist, organisation_id=organisation.id, note=note)
        db.session.add(entry)
    elif note:
        entry.note = note
    shortlist.updated_at = clock.now()
    db.session.flush()
    record("shortlist.supplier_added", shortlist, actor_id=actor.id, organisation=organisation.id)
    db.session.commit()
    return entry


def update_note(entry: ShortlistEntry, actor: User, note: str | None) -> None:
    entry.note = note
    entry.shortlist.updated_at = clock.now()
    record("shortlist.note_changed", entry.shortlist, actor_id=actor.id, organisation=entry.organisation_id)
    db.session.commit()


def remove_entry(entry: ShortlistEntry, actor: User) -> None:
    record("shortlist.supplier_removed", entry.shortlist, actor_id=actor.id, organisation=entry.organisation_id)
    entry.shortlist.updated_at = clock.now()
    db.session.delete(entry)
    db.session.commit()


def delete_shortlist(shortlist: Shortlist, actor: User) -> None:
    record("shortlist.deleted", shortlist, actor_id=actor.id, name=shortlist.name)
    db.session.delete(shortlist)
    db.session.commit()


def save_search(owner: User, name: str, query_string: str) -> SavedSearch:
    saved = SavedSearch(owner_id=owner.id, name=name, query_string=query_string[:2000])
    db.session.add(saved)
    db.session.flush()
    record("saved_search.created", saved, actor_id=owner.id, name=name)
    db.session.commit()
    return saved


def delete_saved_search(saved: SavedSearch, actor: User) -> None:
    record("saved_search.deleted", saved, actor_id=actor.id)
    db.session.delete(saved)
    db.session.commit()


CSV_COLUMNS = [
    "Supplier",
    "Legal name",
    "Size",
    "SME",
    "VCSE",
    "Based in borough",
    "Categories",
    "Where they work",
    "Contact",
    "Website",
    "Profile",
    "Note",
]


def shortlist_csv(shortlist: Shortlist, profile_url) -> str:
    """The shortlist as CSV; `csv_text` writes every cell as text, never as a spreadsheet formula."""
    return csv_text(CSV_COLUMNS, (_csv_row(entry, profile_url) for entry in shortlist.entries))


def _csv_row(entry: ShortlistEntry, profile_url) -> list[str]:
    organisation = entry.organisation
    return [
        organisation.display_name,
        organisation.name,
        labels.size(organisation.size_band),
        "Yes" if organisation.is_sme else "No",
        "Yes" if organisation.is_vcse else "No",
        "Yes" if organisation.based_in_borough else "No",
        labels.categories(organisation),
        labels.areas(organisation),
        labels.contact(organisation),
        organisation.website or "",
        profile_url(organisation.id),
        entry.note or "",
    ]

from __future__ import annotations

from marketplace.events.models import CANCELLED, HYBRID, IN_PERSON, ONLINE, REGISTERED, WAITLISTED, WITHDRAWN

FORMATS = {IN_PERSON: "In person", ONLINE: "Online", HYBRID: "Hybrid (in person and online)"}
REGISTRATION_STATUSES = {REGISTERED: "Registered", WAITLISTED: "On the waiting list", WITHDRAWN: "Cancelled"}
EVENT_STATUS_LABELS = {"draft": "Draft", "published": "Published", CANCELLED: "Cancelled"}
MAX_PARTY_SIZE = 10
MAX_CAPACITY = 2_000

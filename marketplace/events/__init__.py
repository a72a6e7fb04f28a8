"""Market-engagement events: meet-the-buyer days and briefings, registrations with a waitlist,
calendar files, attendee lists, attendance and the materials published afterwards."""

from flask import Blueprint

bp = Blueprint("events", __name__)

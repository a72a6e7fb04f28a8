"""Supplier organisations: profiles, members, and what buyers see."""

from flask import Blueprint

bp = Blueprint("suppliers", __name__)

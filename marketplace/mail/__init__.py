"""The email outbox: emails are written in the same transaction as the change that causes them."""

from flask import Blueprint

bp = Blueprint("mail", __name__, url_prefix="/dev/emails")

"""Accounts: registration, email verification, signing in and out, passwords, buyer email domains."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

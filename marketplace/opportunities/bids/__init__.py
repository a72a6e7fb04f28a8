"""Sealed bids: drafts saved as you go, joint bids, explicit submit with a receipt code, opening.

Every read of bid content goes through `sealing.py`.
"""

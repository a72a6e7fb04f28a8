"""Supplier search: the /suppliers page (public, with buyer tools when signed in as a buyer) and the reads
behind it and the suppliers API. The engine is `marketplace.search`; the document type is
`marketplace.suppliers.search_documents`."""

from flask import Blueprint

bp = Blueprint("search", __name__)

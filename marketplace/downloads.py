"""Every file the service hands out: RFC 6266 names and spreadsheet-safe CSV.

- `Content-Disposition` carries an ASCII fallback name and the exact name as `filename*=UTF-8''…`, so a
  shortlist called `Łódź list` downloads with its name instead of failing to encode the header.
- CSV starts with a UTF-8 byte-order mark (Excel then shows £, é and – correctly) and a cell starting with
  = + - @ tab or CR is written as text, so nothing a supplier typed runs as a formula.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from flask import Response

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """`attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187)."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def ascii_fallback(filename: str) -> str:
    name = unicodedata.normalize("NFKD", filename).translate(_LATIN).encode("ascii", "ignore").decode()
    # The fallback sits inside a quoted string, so drop anything that could end it early.
    name = re.sub(r"[^A-Za-z0-9 ._()-]", "_", name).strip()
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if not stem.strip(" ._-"):  # nothing readable left, for example a Chinese name
        return "download" + (f".{extension}" if extension else "")
    return name


# Letters NFKD does not take apart into a base letter and an accent.
_LATIN = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE", "æ": "ae"})


def safe_cell(value) -> str:
    """A cell a spreadsheet reads as text, never as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(header: Iterable, rows: Iterable[Iterable], *, escape: bool = True) -> str:
    """CSV text (no BOM); every cell escaped against formula injection unless the caller already did."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row] if escape else list(row))
    return buffer.getvalue()


def csv_download(text: str, filename: str) -> Response:
    """A CSV file for spreadsheets: UTF-8 with a byte-order mark, named safely."""
    body = text if text.startswith(BOM) else BOM + text
    return download(body.encode("utf-8"), filename, "text/csv; charset=utf-8")


def download(body: bytes | str, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response

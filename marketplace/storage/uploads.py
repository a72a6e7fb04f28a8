"""Checks on an uploaded document before it is stored: size, type (by content) and name.

The type is decided by the bytes, never by the name or the browser's Content-Type, and
the name's extension must then agree with it. Zip-based formats are recognised from
their directory and a few small, bounded reads, so a hostile archive is never unpacked.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

from werkzeug.datastructures import FileStorage

from .base import new_key

DOCUMENT_PREFIX = "documents"
TYPE_MESSAGE = "The selected file must be a PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG"
MAX_FILENAME_LENGTH = 100


class UploadRefused(Exception):
    """The upload cannot be accepted; `message` is written for the person uploading."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]  # the first is the one added to a name without one

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileType("PDF", "application/pdf", ("pdf",))
PNG = FileType("PNG", "image/png", ("png",))
JPEG = FileType("JPEG", "image/jpeg", ("jpg", "jpeg"))
ODT = FileType("ODT", "application/vnd.oasis.opendocument.text", ("odt",))
ODS = FileType("ODS", "application/vnd.oasis.opendocument.spreadsheet", ("ods",))
DOCX = FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",))
XLSX = FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))


@dataclass(frozen=True)
class CheckedUpload:
    filename: str  # safe to show and to offer as the download name
    content_type: str  # from the detected type, never from the browser
    size: int
    sha256: str
    data: bytes = field(repr=False)


def check_upload(upload: FileStorage | BinaryIO | bytes, *, filename: str, max_bytes: int) -> CheckedUpload:
    """The upload's checked details, or `UploadRefused` with a message for the form."""
    data = _read_at_most(upload, max_bytes + 1)
    if not data:
        raise UploadRefused("Select a file" if not filename.strip() else "The selected file is empty")
    if len(data) > max_bytes:
        raise UploadRefused(f"The selected file must be smaller than {_size_text(max_bytes)}")
    file_type = detect_type(data)
    if file_type is None:
        raise UploadRefused(TYPE_MESSAGE)
    return CheckedUpload(
        filename=clean_filename(filename, file_type),
        content_type=file_type.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def make_document_key() -> str:
    return new_key(DOCUMENT_PREFIX)


# --- type detection -------------------------------------------------------------------

_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
_ODF_TYPES = {t.content_type: t for t in (ODT, ODS)}
_OOXML_MAIN = {
    "word/": (DOCX, b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xl/": (XLSX, b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}
# Real documents stay far inside these; an archive claiming more is a zip bomb, or broken.
_MAX_ZIP_ENTRIES = 5_000
_MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
_MAX_PART_READ = 1024 * 1024
# What zipfile can raise on hostile or damaged input: every one means "not a document".
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    NotImplementedError,
    RuntimeError,
)


def detect_type(data: bytes) -> FileType | None:
    for magic, file_type in _MAGIC:
        if data.startswith(magic):
            return file_type
    # Checked at offset 0: zipfile alone would accept an archive tacked onto an .exe.
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    return None


def _zip_type(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > _MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > _MAX_UNZIPPED_BYTES:
                return None
            return _odf_type(archive, entries) or _ooxml_type(archive, entries)
    except _ZIP_ERRORS:
        return None


def _odf_type(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> FileType | None:
    # OpenDocument puts a `mimetype` entry first precisely so it can be sniffed.
    if not entries or entries[0].filename != "mimetype":
        return None
    mimetype = _read_part(archive, entries[0]).strip().decode("ascii", "replace")
    return _ODF_TYPES.get(mimetype)


def _ooxml_type(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> FileType | None:
    names = {e.filename for e in entries}
    folders = [folder for folder in _OOXML_MAIN if any(name.startswith(folder) for name in names)]
    if "[Content_Types].xml" not in names or len(folders) != 1:
        return None
    file_type, main_part_type = _OOXML_MAIN[folders[0]]
    # The main part's type also tells macro-enabled files (.docm, .xlsm) apart: refused.
    content_types = _read_part(archive, archive.getinfo("[Content_Types].xml"))
    return file_type if main_part_type in content_types else None


def _read_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    with archive.open(entry) as part:
        return part.read(_MAX_PART_READ)  # bounded, whatever size the entry claims


# --- names and sizes ------------------------------------------------------------------

_SAFE_PUNCTUATION = set(" -_.,()[]'&+")


def clean_filename(filename: str, file_type: FileType) -> str:
    """A name safe to show and download, ending in an extension right for the type."""
    name = unicodedata.normalize("NFKC", filename)  # also turns look-alike slashes into "/"
    name = re.split(r"[/\\]", name)[-1]  # some browsers send the full path
    name = re.sub(r"\s+", " ", name)  # tabs and new lines become spaces, not nothing
    name = re.sub(r"_{2,}", "_", "".join(_safe_char(ch) for ch in name))
    stem, extension = _split_extension(name)
    if not extension:
        extension = file_type.extension
    elif extension not in file_type.extensions:
        raise UploadRefused(
            f"The selected file is a {file_type.label} but its name does not end in .{file_type.extension}"
        )
    stem = stem.strip(" .")[: MAX_FILENAME_LENGTH - len(extension) - 1].rstrip(" .") or "document"
    return f"{stem}.{extension}"


def _safe_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category[0] == "C":  # control, format (e.g. right-to-left override), unassigned
        return ""
    # Letters, marks (needed by many scripts), numbers, dashes and a few plain marks.
    if category[0] in "LMN" or category in ("Zs", "Pd") or ch in _SAFE_PUNCTUATION:
        return ch
    return "_"


def _split_extension(name: str) -> tuple[str, str]:
    stem, dot, extension = name.rpartition(".")
    extension = extension.strip().lower()
    # "Report v1.2" has no extension: the ".2" is part of the name.
    if not dot or not (extension.isascii() and extension.isalnum()) or extension.isdigit() or len(extension) > 5:
        return name, ""
    return stem, extension


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g}MB"
    if size >= 1024:
        return f"{round(size / 1024, 1):g}KB"
    return f"{size} bytes"


def _read_at_most(upload: FileStorage | BinaryIO | bytes, limit: int) -> bytes:
    if isinstance(upload, (bytes, bytearray, memoryview)):
        return bytes(upload)
    stream = upload.stream if isinstance(upload, FileStorage) else upload
    chunks: list[bytes] = []
    size = 0
    while size < limit:  # one read() may return less than asked for
        chunk = stream.read(min(64 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)

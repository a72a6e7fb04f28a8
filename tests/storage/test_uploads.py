"""Upload checks: the type comes from the bytes, the name is made safe, limits hold."""

from __future__ import annotations

import hashlib
import io
import random
import struct

import pytest
from werkzeug.datastructures import FileStorage

from marketplace.storage import CheckedUpload, UploadRefused, check_upload, make_document_key
from marketplace.storage.uploads import TYPE_MESSAGE

from . import files

TEN_MB = 10 * 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def check(data: bytes, filename: str = "document", max_bytes: int = TEN_MB) -> CheckedUpload:
    return check_upload(data, filename=filename, max_bytes=max_bytes)


def refusal(data: bytes, filename: str = "document", max_bytes: int = TEN_MB) -> str:
    with pytest.raises(UploadRefused) as refused:
        check(data, filename, max_bytes)
    return refused.value.message


@pytest.mark.parametrize(
    ("data", "filename", "content_type"),
    [
        (files.pdf(), "Tender response.pdf", "application/pdf"),
        (files.png(), "logo.png", "image/png"),
        (files.jpeg(), "photo.jpg", "image/jpeg"),
        (files.jpeg(), "photo.JPEG", "image/jpeg"),
        (files.docx(), "method statement.docx", DOCX_TYPE),
        (files.xlsx(), "prices.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (files.opendocument("text"), "policy.odt", "application/vnd.oasis.opendocument.text"),
        (files.opendocument("spreadsheet"), "rates.ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_each_allowed_type_is_accepted(data: bytes, filename: str, content_type: str) -> None:
    upload = check(data, filename)
    assert upload.content_type == content_type
    assert upload.filename == filename.replace(".JPEG", ".jpeg")
    assert upload.size == len(data)
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.data == data


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "invoice.pdf"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100, "invoice.pdf"),
        (b"MZ\x90\x00" + b"\x00" * 60 + files.docx(), "self-extracting.docx"),  # zip after an .exe
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "animation.png"),
        (b"plain text", "notes.txt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc"),  # legacy Office / encrypted
        (files.zipped([("readme.txt", "hello")]), "archive.docx"),
        (files.zipped([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")]), "no-main.docx"),
        (files.docx(main_type=files.DOCM_MAIN), "macros.docx"),  # a .docm renamed
        (files.opendocument("text", mimetype_first=False), "policy.odt"),
        (files.zipped([("mimetype", "application/vnd.oasis.opendocument.presentation")]), "slides.odt"),
    ],
)
def test_other_content_is_refused_whatever_its_name(data: bytes, filename: str) -> None:
    assert refusal(data, filename) == TYPE_MESSAGE


def test_the_type_message_is_the_govuk_one() -> None:
    assert TYPE_MESSAGE == "The selected file must be a PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (files.pdf(), "proposal.docx", "The selected file is a PDF but its name does not end in .pdf"),
        (files.jpeg(), "photo.png", "The selected file is a JPEG but its name does not end in .jpg"),
        (files.docx(), "letter.odt", "The selected file is a DOCX but its name does not end in .docx"),
        (files.pdf(), "invoice.pdf.exe", "The selected file is a PDF but its name does not end in .pdf"),
    ],
)
def test_the_extension_must_match_the_content(data: bytes, filename: str, message: str) -> None:
    assert refusal(data, filename) == message


def test_empty_files_are_refused() -> None:
    assert refusal(b"", "empty.pdf") == "The selected file is empty"
    assert refusal(b"", "") == "Select a file"


def test_the_size_limit() -> None:
    data = files.pdf()
    data += b" " * (TEN_MB - len(data))
    assert check(data, "exactly.pdf").size == TEN_MB
    assert refusal(data + b" ", "too-big.pdf") == "The selected file must be smaller than 10MB"
    padded = files.pdf() + b" " * 2000
    assert refusal(padded, "a.pdf", max_bytes=1536) == "The selected file must be smaller than 1.5KB"
    assert refusal(padded, "a.pdf", max_bytes=500) == "The selected file must be smaller than 500 bytes"


def test_a_stream_is_read_no_further_than_the_limit() -> None:
    stream = io.BytesIO(b"%PDF-" + b"x" * 1_000_000)
    with pytest.raises(UploadRefused):
        check_upload(stream, filename="big.pdf", max_bytes=1000)
    assert stream.tell() == 1001


def test_a_werkzeug_file_storage_is_accepted() -> None:
    upload = FileStorage(io.BytesIO(files.png()), filename="C:\\fakepath\\logo.png", content_type="text/html")
    checked = check_upload(upload, filename=upload.filename or "", max_bytes=TEN_MB)
    assert (checked.filename, checked.content_type) == ("logo.png", "image/png")  # browser's type ignored


@pytest.mark.parametrize(
    "data",
    [
        files.docx()[: len(files.docx()) // 2],  # truncated: no central directory
        files.docx()[:-10],  # end record cut
        b"PK\x03\x04" + b"\x00" * 200,
        b"PK\x03\x04",
    ],
)
def test_a_corrupt_zip_is_refused(data: bytes) -> None:
    assert refusal(data, "broken.docx") == TYPE_MESSAGE


def test_a_zip_claiming_a_huge_unzipped_size_is_refused() -> None:
    data = bytearray(files.docx())
    central = data.index(b"PK\x01\x02")  # first central directory entry
    data[central + 24 : central + 28] = struct.pack("<I", 0xFFFF0000)  # uncompressed size
    assert refusal(bytes(data), "bomb.docx") == TYPE_MESSAGE


def test_a_zip_with_too_many_entries_is_refused() -> None:
    entries: list[tuple[str, str | bytes]] = [("[Content_Types].xml", files.CONTENT_TYPES)]
    entries += [(f"word/part{n}.xml", "") for n in range(5_001)]
    assert refusal(files.zipped(entries), "many.docx") == TYPE_MESSAGE


def test_damaged_documents_never_raise_anything_but_a_refusal() -> None:
    originals = [files.docx(), files.xlsx(), files.opendocument("text")]
    rng = random.Random(1234)
    for _ in range(600):
        data = bytearray(rng.choice(originals))
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(4, len(data))] = rng.randrange(256)
        try:
            check(bytes(data), "fuzzed")
        except UploadRefused:
            pass


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Sam\\Documents\\bid.pdf", "bid.pdf"),
        ("a\uff0fb.pdf", "b.pdf"),  # a full-width slash is still a slash
        (".hidden.pdf", "hidden.pdf"),
        ("Café menu – 2024.pdf", "Café menu – 2024.pdf"),
        ("Cafe\u0301.pdf", "Café.pdf"),  # decomposed accents are composed
        ("हिंदी दस्तावेज़.pdf", "हिंदी दस्तावेज़.pdf"),
        ("invoice\u202egnp.pdf", "invoicegnp.pdf"),  # right-to-left override removed
        ("tab\there\nnew\x00line.pdf", "tab here newline.pdf"),
        ("<b>bold</b>.pdf", "b_.pdf"),  # "/" splits the path first
        ("<img src=x onerror=alert(1)>.pdf", "_img src_x onerror_alert(1)_.pdf"),
        ('what?*:"|.pdf', "what_.pdf"),
        ("REPORT.PDF", "REPORT.pdf"),
        ("report", "report.pdf"),
        ("Report v1.2", "Report v1.2.pdf"),
        ("report .pdf", "report.pdf"),
        (".pdf", "document.pdf"),
        ("...", "document.pdf"),
        ("", "document.pdf"),
    ],
)
def test_filenames_are_made_safe(filename: str, expected: str) -> None:
    cleaned = check(files.pdf(), filename).filename
    assert cleaned == expected
    assert check(files.pdf(), cleaned).filename == cleaned  # cleaning twice changes nothing


@pytest.mark.parametrize("stem", ["a" * 300, "文件" * 200, "é" * 99 + "x"])
def test_long_filenames_are_cut_but_keep_their_extension(stem: str) -> None:
    cleaned = check(files.pdf(), stem + ".pdf").filename
    assert len(cleaned) <= 100
    assert cleaned.endswith(".pdf")
    assert cleaned.startswith(stem[:10])


def test_document_keys_are_random() -> None:
    first, second = make_document_key(), make_document_key()
    assert first != second
    assert first.startswith("documents/")
    assert len(first.split("/")[1]) == 32

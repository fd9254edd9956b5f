"""Evidence types by content, through the staff entry form: every allowed kind is accepted as a
real file of that kind, a file of exactly the size limit is accepted, and unknown bytes or an old
Office file wearing another kind's name are refused (mutations of validators.py survived these)."""

import struct
import zipfile
import zlib
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from submissions.models import Attachment, Entry
from tests.factories.submissions import PDF_BYTES
from tests.submissions.conftest import DURING, files_on_disk
from tests.submissions.test_evidence import post_new_entry

pytestmark = pytest.mark.django_db

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def png_bytes() -> bytes:
    """A 1×1 white PNG: signature, IHDR, one compressed scanline in IDAT, IEND (with CRCs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """A JFIF file's frame: start of image, the JFIF APP0 segment, a comment, end of image."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = "Ảnh minh chứng".encode()
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", len(app0) + 2)
        + app0
        + b"\xff\xfe"
        + struct.pack(">H", len(comment) + 2)
        + comment
        + b"\xff\xd9"
    )


def docx_bytes() -> bytes:
    """A Word 2007+ package: content types, the package relation and the document part."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>',
        )
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Chỉ tiêu", "Kết quả"])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ole2(first_sector: bytes) -> bytes:
    """An OLE2 compound file (the container of Word 97 and Excel 97 files): its 512-byte header
    (version 3, little-endian, 512-byte sectors) and a first sector opening with ``first_sector``."""
    header = OLE2_SIGNATURE + b"\x00" * 16 + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9) + struct.pack("<H", 6)
    header = header.ljust(512, b"\x00")
    return header + first_sector.ljust(512, b"\x00")


DOC_BYTES = ole2(b"\xec\xa5\xc1\x00")  # a Word 97 file information block
XLS_BYTES = ole2(b"\x09\x08\x10\x00\x00\x06\x05\x00")  # an Excel 97 (BIFF8) beginning-of-file record

ACCEPTED = {
    "jpeg": ("anh.jpg", jpeg_bytes, "image/jpeg"),
    "jpeg-named-jpeg": ("anh.jpeg", jpeg_bytes, "image/jpeg"),
    "png": ("so-do.png", png_bytes, "image/png"),
    "docx": ("bao-cao.docx", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("so-lieu.xlsx", xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "doc": ("bao-cao.doc", lambda: DOC_BYTES, "application/msword"),
    "xls": ("so-lieu.xls", lambda: XLS_BYTES, "application/vnd.ms-excel"),
}


@pytest.mark.parametrize(("name", "content", "content_type"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_a_real_file_of_each_allowed_kind_is_accepted_with_its_type(
    client, campaign, area, author, name, content, content_type
):
    client.force_login(author)
    sent = content()  # built once: an Office file records the second it was made

    response = post_new_entry(client, campaign, area, files=SimpleUploadedFile(name, sent))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.entry, attachment.original_name, attachment.content_type) == (
        Entry.objects.get(),
        name,
        content_type,
    )
    with attachment.file.open("rb") as stored:
        assert stored.read() == sent


def test_a_file_of_exactly_the_size_limit_is_accepted_and_one_byte_more_is_refused(
    client, settings, campaign, area, author
):
    settings.EVIDENCE_MAX_BYTES = 4096
    client.force_login(author)
    at_limit = PDF_BYTES + b"0" * (4096 - len(PDF_BYTES))

    over = post_new_entry(client, campaign, area, files=SimpleUploadedFile("lon.pdf", at_limit + b"0"))
    exact = post_new_entry(client, campaign, area, files=SimpleUploadedFile("vua.pdf", at_limit))

    assert over.status_code == 200
    assert list(over.context["form"].errors) == ["files"]
    assert exact.status_code == 302
    assert list(Attachment.objects.values_list("original_name", "size")) == [("vua.pdf", 4096)]


REFUSED = {
    "unknown-bytes": ("bao-cao.pdf", bytes(range(256)) * 4, "không phải PDF, Word, Excel, JPEG hay PNG"),
    "text-named-docx": ("bao-cao.docx", "Báo cáo kết quả".encode() * 50, "không phải PDF, Word, Excel, JPEG hay PNG"),
    "bare-ole2-header": ("bao-cao.doc", ole2(b""), "không phải PDF, Word, Excel, JPEG hay PNG"),
    "word97-named-pdf": ("bao-cao.pdf", DOC_BYTES, "có đuôi .pdf nhưng nội dung là DOC"),
    "excel97-named-pdf": ("so-lieu.pdf", XLS_BYTES, "có đuôi .pdf nhưng nội dung là XLS"),
    "png-named-jpg": ("anh.jpg", png_bytes(), "có đuôi .jpg nhưng nội dung là PNG"),
}


@pytest.mark.parametrize(("name", "content", "reason"), REFUSED.values(), ids=REFUSED.keys())
def test_unknown_bytes_and_a_kind_under_another_kinds_name_are_refused(
    client, campaign, area, author, media_root, name, content, reason
):
    client.force_login(author)

    response = post_new_entry(client, campaign, area, files=SimpleUploadedFile(name, content))

    assert response.status_code == 200
    [message] = response.context["form"].errors["files"]
    assert message.startswith(f"Tệp “{name}” ") and reason in message, message
    assert (Entry.objects.count(), Attachment.objects.count(), files_on_disk(media_root)) == (0, 0, [])

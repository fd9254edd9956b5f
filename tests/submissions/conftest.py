"""Shared set-up for the entry tests: a campaign open through 31/12/2022 23:59:59, staff, forms."""

import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.enums import Role
from submissions.models import Attachment, Entry, EntryEvent
from tests.factories import CampaignFactory, ReformAreaFactory
from tests.factories.submissions import PDF_BYTES

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE_TEXT = "31/12/2022 23:59:59"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def vietnam(year, month, day, hour=0, minute=0, second=0, microsecond=0):
    """A moment as read on a clock in Vietnam."""
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=VIETNAM)


# The last tenth of the last open second, and the first second after the close.
LAST_MOMENT = vietnam(2022, 12, 31, 23, 59, 59, 900000)
FIRST_CLOSED_MOMENT = vietnam(2023, 1, 1, 0, 0, 0)
DURING = vietnam(2022, 11, 15, 9, 0, 0)


def pdf(name="bao-cao.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def files_on_disk(media_root: Path) -> list[Path]:
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def written_counts():
    """(entries, events, attachments): compared before and after a refused write."""
    return Entry.objects.count(), EntryEvent.objects.count(), Attachment.objects.count()


def form_values(response, form_id="entry_form") -> dict:
    """What the browser would send back unchanged: every named field of the admin form with its value."""
    form = lxml.html.fromstring(response.content.decode()).get_element_by_id(form_id)
    data: dict = {}
    for name, value in form.form_values():
        if "__prefix__" in name:
            continue
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart body built by hand, so that a file name reaches the server exactly as given.

    (The test client would strip the directory part of a name before sending it.)
    """
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode())
    for name, filename, content in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def campaign(db):
    """Plan 169/KH-BDT: launched, open from 21/04/2022 through 31/12/2022 23:59:59, Vietnam time."""
    campaign = CampaignFactory(plan_number="169/KH-BDT", slug="169-kh-bdt-2022")
    ReformAreaFactory(campaign=campaign, order=1, name="Cải cách thủ tục hành chính")
    return campaign


@pytest.fixture
def area(campaign):
    return campaign.areas.get()


@pytest.fixture
def make_staff(make_user):
    """A staff member with a person record and an e-mail address (mail goes only to addresses)."""

    def make(username, *roles, **person_fields):
        user = make_user(username, Role.STAFF, *roles, **person_fields)
        user.email = f"{username}@bdt.vinhlong.gov.vn"
        user.first_name = person_fields.get("full_name", username.title())
        user.save(update_fields=["email", "first_name"])
        return user

    return make


@pytest.fixture
def author(make_staff):
    return make_staff("canbo1", full_name="Nguyễn Văn An")


@pytest.fixture
def other(make_staff):
    return make_staff("canbo2", full_name="Trần Thị Bình")


@pytest.fixture
def secretary(make_user):
    return make_user("thuky", Role.SECRETARY, person=False)


@pytest.fixture
def leader(make_user):
    return make_user("lanhdao", Role.LEADER, person=False)


def entry_post(area, **fields) -> dict:
    """The entry form as a staff member fills it for themself ("Lưu bản nháp" unless told)."""
    data = {
        "participant": "self",
        "area": str(area.pk),
        "kind": "initiative",
        "title": "Số hóa hồ sơ chính sách dân tộc",
        "summary": "Rút ngắn thời gian tra cứu hồ sơ từ hai ngày xuống hai giờ.",
        "description": "",
        "results": "",
        "applied_on": "",
        "form_token": str(uuid.uuid4()),
        "save": "1",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}

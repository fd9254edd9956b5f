"""Hostile names of evidence files: ``../``, NUL, direction overrides and very long Unicode.

``clean_file_name`` returns a name that is safe to show and download again, or refuses with a
message; never anything else. Through the entry form (multipart bodies built by hand, so that
names reach the server exactly as sent) a post ends in a refusal on the files field with nothing
written and no file left on disk, or in an entry whose evidence is stored under a random name
inside the media folder and downloads again under its own name.
"""

import unicodedata

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from submissions.models import Attachment, Entry, EntryEvent
from submissions.validators import MAX_NAME_LENGTH, clean_file_name
from tests.factories.submissions import PDF_BYTES
from tests.hostile.conftest import HOSTILE, VIETNAMESE, hostile_chars, note_outcome, rolled_back
from tests.submissions.conftest import DURING, entry_post, files_on_disk, multipart

pytestmark = pytest.mark.django_db

LONG_VIETNAMESE = ("Báo cáo kết quả thực hiện cải cách hành chính năm 2022 của Ban Dân tộc tỉnh Vĩnh Long " * 4)[:300]
HOSTILE_NAMES = [
    "../../../../etc/passwd.pdf",
    "..\\..\\windows\\system32\\bao-cao.pdf",
    "/tmp/bao-cao.pdf",
    "..",
    ".",
    "../",
    "bao-cao.pdf\x00.exe",
    "\x00",
    "bao\x00cao.pdf",
    LONG_VIETNAMESE + ".pdf",
    "hop-dong-\u202efdp.exe",  # shows as "hop-dong-exe.pdf"
    "bao-cao\u200b.pdf",
    "\u2066bao-cao.pdf\u2069",
    "bao-cao.pdf\u2028.exe",
    "CON.pdf",
    "bao-cao.pdf.",
    " .pdf",
    "...",
    ".pdf",
    "bao-cao",
    "báo cáo .PDF",
    "%2e%2e%2fbao-cao.pdf",
    "bao-cao.pdf;.exe",
]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def assert_safe(name: str) -> None:
    assert name == unicodedata.normalize("NFC", name)
    assert not any(ch in name for ch in "/\\\x00")
    assert not any(unicodedata.category(ch).startswith("C") for ch in name)
    assert name not in {".", ".."} and "." in name and name.strip(" .")
    assert len(name) <= MAX_NAME_LENGTH


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_clean_file_name_returns_a_safe_name_or_refuses_with_a_message(name):
    try:
        cleaned = clean_file_name(name)
    except ValidationError as refused:
        assert refused.messages and all(message.strip() for message in refused.messages)
    else:
        assert_safe(cleaned)


@HOSTILE
@given(name=st.text(hostile_chars, max_size=260) | st.text(st.sampled_from(VIETNAMESE + "./\\\x00"), max_size=320))
def test_any_name_is_cleaned_to_a_safe_name_or_refused_with_a_message(name):
    try:
        cleaned = clean_file_name(name)
    except ValidationError as refused:
        note_outcome("refused")
        assert refused.messages and all(message.strip() for message in refused.messages)
    else:
        note_outcome("kept")
        assert_safe(cleaned)


def test_a_right_to_left_override_cannot_disguise_an_executable_as_a_pdf():
    with pytest.raises(ValidationError) as refused:
        clean_file_name("hop-dong-\u202efdp.exe")

    assert refused.value.messages == ["Tên tệp chứa ký tự điều khiển; hãy đổi tên tệp rồi chọn lại."]


def test_a_name_of_300_vietnamese_characters_is_refused_saying_how_long_it_may_be():
    with pytest.raises(ValidationError) as refused:
        clean_file_name(LONG_VIETNAMESE + ".pdf")

    assert refused.value.messages == ["Tên tệp dài 304 ký tự; hãy rút gọn còn tối đa 200 ký tự."]


# --- Through the entry form ------------------------------------------------------------------


def written_counts():
    return Entry.objects.count(), EntryEvent.objects.count(), Attachment.objects.count()


def post_with_file_name(client, campaign, area, name):
    body, content_type = multipart(entry_post(area), [("files", name, PDF_BYTES)])
    return client.post(reverse("entry_create", args=[campaign.slug]), body, content_type=content_type)


def assert_refused_on_files_or_stored_safely(client, response, before, media_root):
    assert response.status_code in (200, 302), response.status_code
    note_outcome(f"HTTP {response.status_code}")
    if response.status_code == 200:
        errors = response.context["form"].errors
        assert list(errors) == ["files"]
        page = response.content.decode()
        for message in errors["files"]:
            assert escape(message) in page
        assert written_counts() == before
        assert files_on_disk(media_root) == []
        return
    if not Attachment.objects.exists():
        # Django's upload parser drops a part whose name is nothing once paths are cut off ("..",
        # "../", a lone NUL): the draft is saved without the file, and its page shows no evidence.
        note_outcome("file part dropped by the parser")
        assert Entry.objects.count() == before[0] + 1
        return
    attachment = Attachment.objects.get()
    assert_safe(attachment.original_name)
    assert files_on_disk(media_root) == [media_root / attachment.file.name]
    download = client.get(reverse("attachment_download", args=[attachment.code]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "\n" not in download["Content-Disposition"] and "\r" not in download["Content-Disposition"]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_file_name_through_the_form_is_refused_on_its_field_or_stored_safely(
    staff_client, campaign, area, media_root, name
):
    before = written_counts()

    response = post_with_file_name(staff_client, campaign, area, name)

    assert_refused_on_files_or_stored_safely(staff_client, response, before, media_root)


# Names as a browser sends them: no quote, carriage return or line feed (browsers escape those).
sendable_names = st.text(hostile_chars.filter(lambda ch: ch not in '"\r\n'), max_size=80).map(
    lambda stem: stem + ".pdf"
)


@HOSTILE
@given(name=sendable_names)
@example(name="\x00.pdf")
@example(name="\u202e.pdf")
@example(name=LONG_VIETNAMESE + ".pdf")
def test_any_sendable_file_name_through_the_form_is_refused_on_its_field_or_stored_safely(
    staff_client, campaign, area, media_root, name
):
    with rolled_back():
        before = written_counts()

        response = post_with_file_name(staff_client, campaign, area, name)

        assert_refused_on_files_or_stored_safely(staff_client, response, before, media_root)
        for path in files_on_disk(media_root):
            path.unlink()  # the rollback undoes rows, not files


def test_a_name_sent_in_decomposed_unicode_is_stored_as_the_cleaned_name(staff_client, campaign, area, media_root):
    """macOS sends names in decomposed form (NFD); clean_file_name returns them composed (NFC),
    and that is the name users should get back, not the raw one."""
    sent = unicodedata.normalize("NFD", "Báo cáo kết quả thực hiện.pdf")

    response = post_with_file_name(staff_client, campaign, area, sent)

    assert response.status_code == 302
    assert Attachment.objects.get().original_name == "Báo cáo kết quả thực hiện.pdf"

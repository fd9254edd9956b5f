"""Evidence files: checked by content, size and name; stored under random names; served only through a checked view."""

import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from submissions.models import Attachment, Entry
from submissions.validators import clean_file_name, validate_evidence
from tests.factories import EntryFactory
from tests.factories.submissions import PDF_BYTES
from tests.submissions.conftest import (
    DURING,
    EXE_BYTES,
    entry_post,
    files_on_disk,
    multipart,
    pdf,
    written_counts,
)

pytestmark = pytest.mark.django_db

TYPED_TITLE = "Bộ câu hỏi khảo sát mức độ hài lòng tại cơ sở"
TYPED_SUMMARY = "Khảo sát 300 người dân ở ba xã vùng đồng bào Khmer."
FILES_NOT_SAVED = "Các tệp đã chọn chưa được lưu: hãy sửa lỗi rồi chọn lại tệp."


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


# The name check on its own (Django's upload parser already strips directories and control
# characters from names sent by browsers; the check also guards imports and other callers).


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../x.pdf", "Tên tệp “../x.pdf” chứa đường dẫn; hãy đổi tên tệp rồi chọn lại."),
        ("..\\..\\x.pdf", "Tên tệp “..\\..\\x.pdf” chứa đường dẫn; hãy đổi tên tệp rồi chọn lại."),
        ("/etc/passwd.pdf", "Tên tệp “/etc/passwd.pdf” chứa đường dẫn; hãy đổi tên tệp rồi chọn lại."),
        ("a\x00.pdf", "Tên tệp chứa ký tự rỗng (NUL); hãy đổi tên tệp rồi chọn lại."),
        ("bao\x07cao.pdf", "Tên tệp chứa ký tự điều khiển; hãy đổi tên tệp rồi chọn lại."),
        ("bao\ncao.pdf", "Tên tệp chứa ký tự điều khiển; hãy đổi tên tệp rồi chọn lại."),
        ("hoa-don\u202efdp.exe", "Tên tệp chứa ký tự điều khiển; hãy đổi tên tệp rồi chọn lại."),
        ("bao-cao", "Tên tệp phải có phần mở rộng, ví dụ: bao-cao.pdf."),
        ("..", "Tên tệp “..” chứa đường dẫn; hãy đổi tên tệp rồi chọn lại."),
        ("a" * 296 + ".pdf", "Tên tệp dài 300 ký tự; hãy rút gọn còn tối đa 200 ký tự."),
    ],
    ids=["parent", "backslashes", "absolute", "nul", "bell", "newline", "right-to-left", "no-extension", "dots", "300"],
)
def test_file_name_check_refuses_paths_control_characters_and_long_names(name, message):
    with pytest.raises(ValidationError) as refused:
        clean_file_name(name)

    assert refused.value.messages == [message]


def test_file_name_check_keeps_a_vietnamese_name_in_composed_form():
    decomposed = "Ba\u0301o ca\u0301o tô\u0309ng kê\u0301t.pdf"

    assert clean_file_name(decomposed) == "Báo cáo tổng kết.pdf"


def test_evidence_check_recognises_an_executable_renamed_pdf_by_its_content():
    with pytest.raises(ValidationError) as refused:
        validate_evidence(SimpleUploadedFile("bao-cao.pdf", EXE_BYTES))

    assert refused.value.messages == [
        "Tệp “bao-cao.pdf” không phải PDF, Word, Excel, JPEG hay PNG (xét theo nội dung tệp). "
        "Loại được phép: Excel, JPEG, PDF, PNG, Word."
    ]


def test_evidence_check_refuses_a_pdf_named_as_a_word_file():
    with pytest.raises(ValidationError) as refused:
        validate_evidence(SimpleUploadedFile("bao-cao.docx", PDF_BYTES))

    assert refused.value.messages == ["Tệp “bao-cao.docx” có đuôi .docx nhưng nội dung là PDF; hãy đổi đúng đuôi tệp."]


# Through the staff form: refused with the reason on the files field, nothing saved, the rest kept.


def post_new_entry(client, campaign, area, **fields):
    return client.post(
        reverse("entry_create", args=[campaign.slug]),
        entry_post(area, title=TYPED_TITLE, summary=TYPED_SUMMARY, **fields),
    )


def assert_nothing_saved(media_root):
    assert written_counts() == (0, 0, 0)
    assert files_on_disk(media_root) == []


def assert_form_kept_what_was_typed(response):
    assert f'value="{TYPED_TITLE}"' in response.text
    assert TYPED_SUMMARY in response.text
    assert [str(m) for m in response.context["messages"]] == [FILES_NOT_SAVED]


def test_executable_renamed_pdf_is_refused_on_the_files_field(client, campaign, area, author, media_root):
    client.force_login(author)

    response = post_new_entry(client, campaign, area, files=pdf("bao-cao.pdf", EXE_BYTES))

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        "Tệp “bao-cao.pdf” không phải PDF, Word, Excel, JPEG hay PNG (xét theo nội dung tệp). "
        "Loại được phép: Excel, JPEG, PDF, PNG, Word."
    ]
    assert_form_kept_what_was_typed(response)
    assert_nothing_saved(media_root)


def test_oversized_file_is_refused_on_the_files_field(client, settings, campaign, area, author, media_root):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(author)

    response = post_new_entry(
        client, campaign, area, files=pdf("ho-so.pdf", PDF_BYTES + b"0" * (2048 - len(PDF_BYTES)))
    )

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        "Tệp “ho-so.pdf” nặng 2,0\xa0KB, vượt giới hạn 1,0\xa0KB; hãy nén hoặc tách tệp."
    ]
    assert_form_kept_what_was_typed(response)
    assert_nothing_saved(media_root)


def test_more_files_than_one_form_may_send_are_refused_on_the_files_field(
    client, settings, campaign, area, author, media_root
):
    # deploy/nginx.conf sizes the request body as EVIDENCE_MAX_MB x EVIDENCE_MAX_FILES (issue 13, item 16).
    settings.EVIDENCE_MAX_FILES = 2
    client.force_login(author)

    response = post_new_entry(client, campaign, area, files=[pdf(f"ho-so-{n}.pdf") for n in range(3)])

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        "Mỗi lần lưu nhận tối đa 2 tệp minh chứng; hãy gửi bớt, phần còn lại thêm ở lần sửa sau."
    ]
    assert_nothing_saved(media_root)
    assert post_new_entry(client, campaign, area, files=[pdf(f"ho-so-{n}.pdf") for n in range(2)]).status_code == 302


def test_one_bad_file_among_good_ones_saves_none_of_them(client, campaign, area, author, media_root):
    client.force_login(author)

    response = post_new_entry(client, campaign, area, files=[pdf("tot.pdf"), pdf("xau.pdf", EXE_BYTES)])

    assert response.status_code == 200
    assert len(response.context["form"].errors["files"]) == 1
    assert_nothing_saved(media_root)


def test_too_long_file_name_is_refused_on_the_files_field(client, campaign, area, author, media_root):
    client.force_login(author)
    name = "a" * 296 + ".pdf"

    response = post_new_entry(client, campaign, area, files=pdf(name))

    # Django's upload parser cuts names to 255 characters (keeping the extension) before the check.
    assert response.context["form"].errors["files"] == ["Tên tệp dài 255 ký tự; hãy rút gọn còn tối đa 200 ký tự."]
    assert_form_kept_what_was_typed(response)
    assert_nothing_saved(media_root)


def test_bad_file_on_the_edit_form_leaves_the_entry_and_the_typed_title(client, campaign, area, author, media_root):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person, title="Tên cũ")
    client.force_login(author)
    before = written_counts()

    response = client.post(
        reverse("entry_update", args=[entry.code]),
        entry_post(area, title=TYPED_TITLE, summary=TYPED_SUMMARY, files=pdf("bao-cao.pdf", EXE_BYTES)),
    )

    entry.refresh_from_db()
    assert response.status_code == 200
    assert len(response.context["form"].errors["files"]) == 1
    assert_form_kept_what_was_typed(response)
    assert entry.title == "Tên cũ"
    assert written_counts() == before
    assert files_on_disk(media_root) == []


@pytest.mark.parametrize(
    ("sent_name", "kept_name"),
    [
        ("../../../../etc/cron.d/bao-cao.pdf", "bao-cao.pdf"),
        ("..\\..\\windows\\bao-cao.pdf", "bao-cao.pdf"),
        ("bao\x07cao.pdf", "baocao.pdf"),
    ],
    ids=["slashes", "backslashes", "control-character"],
)
def test_name_sent_with_a_path_reaches_the_form_as_a_bare_name_stored_inside_media(
    client, campaign, area, author, media_root, sent_name, kept_name
):
    client.force_login(author)
    body, content_type = multipart(entry_post(area), [("files", sent_name, PDF_BYTES)])

    response = client.post(reverse("entry_create", args=[campaign.slug]), body, content_type=content_type)

    attachment = Attachment.objects.get()
    assert response.status_code == 302
    assert attachment.original_name == kept_name
    assert files_on_disk(media_root) == [media_root / attachment.file.name]


def test_valid_pdf_is_stored_under_a_random_name_and_downloaded_under_its_own(
    client, campaign, area, author, media_root
):
    client.force_login(author)

    post_new_entry(client, campaign, area, files=pdf("Báo cáo kết quả.pdf"))
    attachment = Attachment.objects.get()
    response = client.get(reverse("attachment_download", args=[attachment.code]))

    assert Entry.objects.get().title == TYPED_TITLE
    assert re.fullmatch(rf"evidence/{campaign.pk}/[0-9a-f]{{32}}", attachment.file.name)
    assert files_on_disk(media_root) == [media_root / attachment.file.name]
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "Báo cáo kết quả.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_evidence_is_not_reachable_by_its_storage_path(client, campaign, area, author):
    client.force_login(author)
    post_new_entry(client, campaign, area, files=pdf())
    attachment = Attachment.objects.get()

    response = client.get("/" + attachment.file.name)

    assert response.status_code == 404

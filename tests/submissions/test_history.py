"""Every change to an entry is kept: who, when, which fields from what to what; the secretary reads it."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from submissions import services
from submissions.enums import EntryAction
from tests.factories import AttachmentFactory, EntryFactory, PersonFactory
from tests.submissions.conftest import DURING, entry_post, pdf, vietnam

pytestmark = pytest.mark.django_db


def edit(entry, by, **fields):
    content = services.EntryContent(
        **{
            "area": entry.area,
            "kind": entry.kind,
            "title": entry.title,
            "summary": entry.summary,
            "description": entry.description,
            "results": entry.results,
            "applied_on": entry.applied_on,
            **fields,
        }
    )
    return services.update_entry(entry=entry, by=by, content=content)


def test_editing_records_old_and_new_values_of_the_changed_fields_only(campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person, title="Tên cũ", summary="Giữ nguyên.")
    coauthor = PersonFactory(full_name="Võ Thị Hoa")

    with time_machine.travel(DURING, tick=False):
        edit(entry, author, title="Tên mới", applied_on=date(2022, 3, 1), coauthors=[coauthor])

    (event,) = entry.events.all()
    assert (event.action, event.actor, event.at) == (EntryAction.EDITED, author, DURING)
    assert event.changes == {
        "title": ["Tên cũ", "Tên mới"],
        "applied_on": ["", "01/03/2022"],
        "coauthors": ["", "Võ Thị Hoa"],
    }


def test_saving_without_changes_records_no_edit(campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person)

    with time_machine.travel(DURING, tick=False):
        edit(entry, author)

    assert entry.events.count() == 0


def test_adding_and_removing_evidence_is_recorded_with_the_file_name(campaign, author):
    attachment = AttachmentFactory(entry__campaign=campaign, entry__person=author.person, original_name="cu.pdf")
    entry = attachment.entry

    with time_machine.travel(DURING, tick=False):
        edit(entry, author, new_files=[pdf("moi.pdf")], removed_files=[attachment])

    attachment.refresh_from_db()
    assert list(entry.events.values_list("action", "note")) == [
        (EntryAction.FILE_REMOVED, "cu.pdf"),
        (EntryAction.FILE_ADDED, "moi.pdf"),
    ]
    assert attachment.removed_at == DURING
    assert list(entry.attachments.order_by("pk").values_list("original_name", "removed_at")) == [
        ("cu.pdf", DURING),
        ("moi.pdf", None),
    ]


def test_edit_through_the_web_form_is_recorded_with_its_author(client, campaign, area, author):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person, title="Tên cũ")
    client.force_login(author)

    with time_machine.travel(DURING, tick=False):
        client.post(reverse("entry_update", args=[entry.code]), entry_post(area, title="Tên mới"))

    event = entry.events.get()
    assert (event.actor, event.changes["title"]) == (author, ["Tên cũ", "Tên mới"])


def test_entry_page_shows_the_timeline_with_who_and_when(client, campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person, title="Tên cũ")
    with time_machine.travel(DURING, tick=False):
        edit(entry, author, title="Tên mới")
    client.force_login(author)

    with time_machine.travel(DURING, tick=False):
        response = client.get(reverse("entry_detail", args=[entry.code]))

    assert [item["event"] for item in response.context["events"]] == list(entry.events.all())
    assert "15/11/2022 09:00:00 · Nguyễn Văn An" in response.text
    assert "Sửa nội dung" in response.text


def test_secretary_reads_the_history_inline_on_the_admin_entry_page(client, campaign, author, secretary):
    entry = AttachmentFactory(entry__campaign=campaign, entry__person=author.person, entry__title="Tên cũ").entry
    with time_machine.travel(DURING, tick=False):
        edit(entry, author, title="Tên mới")
        services.submit_entry(entry=entry, by=author)
    with time_machine.travel(vietnam(2022, 11, 20, 14, 30), tick=False):
        services.return_entry(entry=entry, by=secretary, reason="Bổ sung số liệu.")
    client.force_login(secretary)

    response = client.get(reverse("admin:submissions_entry_change", args=[entry.pk]))

    events = next(i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "events")
    assert [form.instance for form in events.formset.forms] == list(entry.events.all())
    assert entry.events.count() == 3
    assert 'Tên <del class="text-danger">cũ</del><ins class="text-success">mới</ins>' in response.text
    assert "Bổ sung số liệu." in response.text
    assert "20/11/2022 14:30:00" in response.text


def test_withdrawal_adds_to_the_history_and_removes_nothing(campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person, title="Tên cũ")
    with time_machine.travel(DURING, tick=False):
        edit(entry, author, title="Tên mới")

    with time_machine.travel(DURING, tick=False):
        services.withdraw_entry(entry=entry, by=author)

    assert list(entry.events.values_list("action", "changes")) == [
        (EntryAction.EDITED, {"title": ["Tên cũ", "Tên mới"]}),
        (EntryAction.WITHDRAWN, {}),
    ]


def test_entry_page_timeline_names_changed_fields_in_vietnamese(client, campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person, title="Tên cũ")
    with time_machine.travel(DURING, tick=False):
        edit(entry, author, title="Tên mới", applied_on=date(2022, 3, 1))
    client.force_login(author)

    response = client.get(reverse("entry_detail", args=[entry.code]))

    assert (
        '<li>tên sáng kiến, giải pháp, thành tích: tên <del class="text-danger">cũ</del>'
        '<ins class="text-success">mới</ins></li>'
    ) in response.text.lower()
    assert 'Ngày áp dụng lần đầu: <ins class="text-success">01/03/2022</ins>' in response.text
    assert "<li>applied_on</li>" not in response.text


LONG = (
    "Đơn vị đã số hóa toàn bộ hồ sơ chính sách dân tộc của ba huyện, xây dựng phần mềm tra cứu dùng chung "
    "cho cán bộ một cửa, rút ngắn thời gian tra cứu hồ sơ từ hai ngày xuống hai giờ."
)


def test_an_edit_late_in_a_long_text_shows_the_changed_words_on_the_entry_page_and_in_the_admin(
    client, campaign, author, secretary
):
    entry = AttachmentFactory(entry__campaign=campaign, entry__person=author.person, entry__description=LONG).entry
    with time_machine.travel(DURING, tick=False):
        edit(entry, author, description=LONG.replace("hai giờ", "ba giờ"))
        services.submit_entry(entry=entry, by=author)

    client.force_login(author)
    page = client.get(reverse("entry_detail", args=[entry.code])).text
    client.force_login(secretary)
    admin_page = client.get(reverse("admin:submissions_entry_change", args=[entry.pk])).text

    changed = 'hai ngày xuống <del class="text-danger">hai</del><ins class="text-success">ba</ins> giờ.'
    assert (changed in page, changed in admin_page) == (True, True)
    assert "… " in page  # the unchanged start of the text is cut, not the change
    assert "[&quot;" not in admin_page and '["' not in admin_page  # no raw JSON

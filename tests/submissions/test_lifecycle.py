"""An entry's life: submit with a receipt, withdraw, return for revision, resubmit, endorse, reminders."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.enums import Role
from submissions import services
from submissions.enums import EntryAction, EntryStatus
from submissions.models import Entry
from submissions.tasks import task_send_deadline_reminders
from tests.factories import AttachmentFactory, CampaignFactory, EntryFactory
from tests.submissions.conftest import DURING, entry_post, pdf, vietnam

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def draft_with_evidence(campaign, author, **fields):
    return AttachmentFactory(entry__campaign=campaign, entry__person=author.person, **fields).entry


def actions_of(entry):
    return list(entry.events.values_list("action", flat=True))


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# Submitting.


def test_submitting_mails_a_receipt_in_vietnamese(
    client, campaign, author, django_capture_on_commit_callbacks, mailoutbox
):
    entry = draft_with_evidence(campaign, author, entry__title="Một cửa điện tử")
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("entry_action", args=[entry.code, "gui"]), follow=True)

    (mail,) = mailoutbox
    assert messages_of(response) == ["Đã gửi bài. Biên nhận sẽ được gửi qua email."]
    assert mail.to == ["canbo1@bdt.vinhlong.gov.vn"]
    assert mail.subject == f"Đã nhận bài dự thi {entry.code}"
    assert mail.body.startswith("Kính gửi Nguyễn Văn An,")
    assert (
        f"Hệ thống đã nhận bài dự thi {entry.code} “Một cửa điện tử” của phong trào 169/KH-BDT "
        "lúc 15/11/2022 09:00:00 (giờ Việt Nam)." in mail.body
    )


def test_submitting_without_evidence_is_refused(campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person)

    with pytest.raises(ValidationError) as refused:
        services.submit_entry(entry=entry, by=author)

    entry.refresh_from_db()
    assert refused.value.messages == ["Hãy đính kèm ít nhất một tệp minh chứng trước khi gửi bài."]
    assert entry.status == EntryStatus.DRAFT


def test_submitting_the_new_entry_form_without_evidence_is_refused(client, campaign, area, author):
    client.force_login(author)

    response = client.post(reverse("entry_create", args=[campaign.slug]), entry_post(area, save=None, submit="1"))

    assert Entry.objects.filter(status=EntryStatus.SUBMITTED).count() == 0
    assert "Hãy đính kèm ít nhất một tệp minh chứng trước khi gửi bài." in response.text


def test_submitting_the_edit_form_after_removing_every_file_is_refused(client, campaign, area, author):
    attachment = AttachmentFactory(entry__campaign=campaign, entry__area=area, entry__person=author.person)
    client.force_login(author)

    client.post(
        reverse("entry_update", args=[attachment.entry.code]),
        entry_post(area, save=None, submit="1", remove_files=str(attachment.code)),
    )

    attachment.entry.refresh_from_db()
    assert attachment.entry.status == EntryStatus.DRAFT


def test_receipt_page_is_the_entry_page_with_the_new_status(client, campaign, area, author):
    client.force_login(author)

    response = client.post(
        reverse("entry_create", args=[campaign.slug]),
        entry_post(area, save=None, submit="1", files=pdf()),
        follow=True,
    )

    entry = Entry.objects.get()
    assert messages_of(response) == [f"Đã gửi bài {entry.code}. Biên nhận sẽ được gửi qua email."]
    assert response.context["entry"] == entry
    assert "Đã gửi" in response.text
    assert actions_of(entry) == [EntryAction.CREATED, EntryAction.SUBMITTED]


def test_unit_head_enters_for_the_unit_as_a_collective(client, campaign, area, make_staff):
    head = make_staff("truongphong", Role.UNIT_HEAD)
    unit = head.person.unit
    unit.head = head.person
    unit.save()
    client.force_login(head)

    client.post(reverse("entry_create", args=[campaign.slug]), entry_post(area, participant=f"unit-{unit.pk}"))

    entry = Entry.objects.get()
    assert (entry.person, entry.unit, entry.created_by) == (None, unit, head)


def test_staff_member_cannot_enter_for_a_unit_they_do_not_head(client, campaign, area, author, other):
    client.force_login(author)

    response = client.post(
        reverse("entry_create", args=[campaign.slug]), entry_post(area, participant=f"unit-{other.person.unit.pk}")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["participant"]
    assert Entry.objects.count() == 0


def test_entry_service_refuses_an_entry_for_another_person(campaign, area, author, other):
    content = services.EntryContent(area=area, kind="initiative", title="Một cửa", summary="Tóm tắt.")

    with pytest.raises(PermissionDenied) as refused:
        services.create_entry(campaign=campaign, by=author, person=other.person, content=content)

    assert refused.value.args == ("Bạn chỉ được gửi bài cho chính mình.",)
    assert Entry.objects.count() == 0


def test_entry_service_refuses_an_entry_for_a_unit_the_caller_does_not_head(campaign, area, author, other):
    unit = other.person.unit
    unit.head = other.person
    unit.save()
    content = services.EntryContent(area=area, kind="initiative", title="Một cửa", summary="Tóm tắt.")

    with pytest.raises(PermissionDenied) as refused:
        services.create_entry(campaign=campaign, by=author, unit=unit, content=content)

    assert refused.value.args == ("Chỉ thủ trưởng đơn vị được gửi bài cho tập thể đơn vị.",)
    assert Entry.objects.count() == 0


# Withdrawing.


def test_withdrawn_entry_is_kept_with_its_history_and_still_shown(client, campaign, author, secretary):
    entry = draft_with_evidence(campaign, author)
    services.submit_entry(entry=entry, by=author)
    client.force_login(author)

    response = client.post(reverse("entry_action", args=[entry.code, "rut"]), follow=True)

    entry.refresh_from_db()
    assert messages_of(response) == ["Đã rút bài. Bài vẫn được lưu trong lịch sử."]
    assert entry.status == EntryStatus.WITHDRAWN
    assert actions_of(entry) == [EntryAction.SUBMITTED, EntryAction.WITHDRAWN]
    assert entry.attachments.count() == 1
    assert "Đã rút" in response.text
    assert "Rút bài" in response.text
    client.force_login(secretary)
    assert client.get(reverse("entry_detail", args=[entry.code])).status_code == 200


def test_withdrawn_entry_cannot_be_deleted_in_the_admin(client, campaign, author, secretary):
    entry = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.WITHDRAWN)
    client.force_login(secretary)

    response = client.post(reverse("admin:submissions_entry_delete", args=[entry.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_entry_under_review_cannot_be_withdrawn(client, campaign, author):
    entry = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.UNDER_REVIEW)
    client.force_login(author)

    response = client.post(reverse("entry_action", args=[entry.code, "rut"]), follow=True)

    entry.refresh_from_db()
    assert messages_of(response) == ["Bài đã vào vòng chấm hoặc đã rút nên không rút được nữa."]
    assert entry.status == EntryStatus.UNDER_REVIEW


# Returning for revision.


def test_return_for_revision_requires_a_reason(client, campaign, author, secretary, mailoutbox):
    entry = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.SUBMITTED)
    client.force_login(secretary)

    response = client.post(reverse("entry_action", args=[entry.code, "tra-lai"]), {"reason": "  "}, follow=True)

    entry.refresh_from_db()
    assert messages_of(response) == ["Hãy ghi lý do trả lại để người gửi biết cần bổ sung gì."]
    assert entry.status == EntryStatus.SUBMITTED
    assert mailoutbox == []


def test_returned_entry_is_mailed_edited_and_resubmitted(
    client, campaign, area, author, secretary, django_capture_on_commit_callbacks, mailoutbox
):
    entry = draft_with_evidence(campaign, author, entry__area=area, entry__title="Một cửa điện tử")
    services.submit_entry(entry=entry, by=author)
    reason = "Thiếu số liệu so sánh trước và sau khi áp dụng."
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("entry_action", args=[entry.code, "tra-lai"]), {"reason": reason})

    (mail,) = mailoutbox
    assert mail.to == ["canbo1@bdt.vinhlong.gov.vn"]
    assert mail.subject == f"Bài dự thi {entry.code} được trả lại để bổ sung"
    assert f"Bài dự thi {entry.code} “Một cửa điện tử” được trả lại để bổ sung, với lý do:\n\n{reason}" in mail.body
    assert "Hãy sửa bài và gửi lại trước 31/12/2022 23:59:59 (giờ Việt Nam)." in mail.body

    client.force_login(author)
    home = client.get(reverse("home"))
    assert "Bài được trả lại để bổ sung:" in home.text
    assert [e.code for e in home.context["returned_entries"]] == [entry.code]
    assert reason in client.get(reverse("entry_update", args=[entry.code])).text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("entry_update", args=[entry.code]),
            entry_post(area, title="Một cửa điện tử", results="Giảm 60% thời gian.", save=None, submit="1"),
        )

    entry.refresh_from_db()
    assert (entry.status, entry.return_reason, entry.results) == (EntryStatus.SUBMITTED, "", "Giảm 60% thời gian.")
    assert actions_of(entry) == [
        EntryAction.SUBMITTED,
        EntryAction.RETURNED,
        EntryAction.EDITED,
        EntryAction.SUBMITTED,
    ]
    assert [m.subject for m in mailoutbox[1:]] == [f"Đã nhận bài dự thi {entry.code}"]


# Endorsement by the unit head.


@pytest.fixture
def head(make_staff):
    head = make_staff("truongphong", Role.UNIT_HEAD, full_name="Lê Văn Cường")
    head.person.unit.head = head.person
    head.person.unit.save()
    return head


def test_unit_head_sees_the_entry_to_endorse_on_the_home_page_and_endorses_it(client, head, make_staff):
    campaign = CampaignFactory(endorsement_required=True)
    staff = make_staff("canbo7", unit=head.person.unit, full_name="Phạm Thị Dung")
    entry = draft_with_evidence(campaign, staff, entry__title="Sổ tay nghiệp vụ")
    services.submit_entry(entry=entry, by=staff)
    client.force_login(head)

    home = client.get(reverse("home"))
    response = client.post(reverse("entry_action", args=[entry.code, "xac-nhan"]), follow=True)

    entry.refresh_from_db()
    assert list(home.context["to_endorse"]) == [entry]
    assert f'Bài chờ bạn xác nhận: <a href="{reverse("entry_detail", args=[entry.code])}">' in home.text
    assert messages_of(response) == ["Đã xác nhận bài của cán bộ."]
    assert entry.status == EntryStatus.ENDORSED
    assert actions_of(entry)[-1] == EntryAction.ENDORSED
    assert list(client.get(reverse("home")).context["to_endorse"]) == []


def test_unit_head_has_nothing_to_endorse_when_the_campaign_does_not_ask(client, campaign, head, make_staff):
    staff = make_staff("canbo7", unit=head.person.unit)
    entry = draft_with_evidence(campaign, staff)
    services.submit_entry(entry=entry, by=staff)
    client.force_login(head)

    response = client.post(reverse("entry_action", args=[entry.code, "xac-nhan"]), follow=True)

    entry.refresh_from_db()
    assert "Bài chờ bạn xác nhận" not in client.get(reverse("home")).text
    assert messages_of(response) == ["Bài này không chờ thủ trưởng đơn vị xác nhận."]
    assert entry.status == EntryStatus.SUBMITTED


def test_unit_head_may_return_an_entry_awaiting_endorsement(client, head, make_staff):
    campaign = CampaignFactory(endorsement_required=True)
    staff = make_staff("canbo7", unit=head.person.unit)
    entry = draft_with_evidence(campaign, staff)
    services.submit_entry(entry=entry, by=staff)
    client.force_login(head)

    client.post(reverse("entry_action", args=[entry.code, "tra-lai"]), {"reason": "Bổ sung xác nhận của xã."})

    entry.refresh_from_db()
    assert (entry.status, entry.return_reason) == (EntryStatus.RETURNED, "Bổ sung xác nhận của xã.")


# Deadline reminders.


def run_sweep_twice(moment):
    with time_machine.travel(moment, tick=False):
        return [task_send_deadline_reminders(), task_send_deadline_reminders()]


def test_reminders_go_to_drafts_three_days_and_one_day_before_the_deadline_once_each(
    campaign, author, other, mailoutbox
):
    draft = EntryFactory(campaign=campaign, person=author.person, title="Một cửa điện tử")
    EntryFactory(campaign=campaign, person=other.person, status=EntryStatus.SUBMITTED)

    sweeps = [
        run_sweep_twice(vietnam(2022, 12, 27, 8, 0)),
        run_sweep_twice(vietnam(2022, 12, 29, 8, 0)),
        run_sweep_twice(vietnam(2022, 12, 30, 8, 0)),
        run_sweep_twice(vietnam(2022, 12, 31, 8, 0)),
        run_sweep_twice(vietnam(2023, 1, 1, 8, 0)),
    ]

    assert sweeps == [[0, 0], [1, 0], [0, 0], [1, 0], [0, 0]]
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["canbo1@bdt.vinhlong.gov.vn"], f"Nhắc hạn: bài {draft.code} chưa được gửi")
    ] * 2
    assert [
        "còn 3 ngày nữa là hết hạn (31/12/2022 23:59:59, giờ Việt Nam)" in mailoutbox[0].body,
        "còn 1 ngày nữa là hết hạn (31/12/2022 23:59:59, giờ Việt Nam)" in mailoutbox[1].body,
    ] == [True, True]


def test_sweep_first_run_on_the_last_day_sends_only_the_one_day_reminder(campaign, author, mailoutbox):
    EntryFactory(campaign=campaign, person=author.person)

    sweeps = [run_sweep_twice(vietnam(2022, 12, 31, 8, 0)), run_sweep_twice(vietnam(2022, 12, 31, 20, 0))]

    assert sweeps == [[1, 0], [0, 0]]
    assert "còn 1 ngày" in mailoutbox[0].body


def test_participant_with_an_extension_is_reminded_before_their_own_deadline(campaign, author, secretary, mailoutbox):
    EntryFactory(campaign=campaign, person=author.person)
    services.grant_extension(
        campaign=campaign,
        by=secretary,
        person=author.person,
        closes_at=vietnam(2023, 1, 7, 23, 59, 59),
        reason="Ốm nằm viện.",
    )

    sweeps = [run_sweep_twice(vietnam(2023, 1, 5, 8, 0)), run_sweep_twice(vietnam(2023, 1, 7, 8, 0))]

    assert sweeps == [[1, 0], [1, 0]]
    assert "còn 3 ngày nữa là hết hạn (07/01/2023 23:59:59, giờ Việt Nam)" in mailoutbox[0].body

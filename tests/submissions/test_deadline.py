"""Every write path accepts entries through 31/12/2022 23:59:59.9 and refuses them from 00:00:00, Vietnam time."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from submissions import services
from submissions.enums import EntryAction, EntryStatus
from submissions.models import Entry, EntryEvent, PersonalDeadline
from tests.factories import AttachmentFactory, EntryFactory
from tests.submissions.conftest import (
    DEADLINE_TEXT,
    FIRST_CLOSED_MOMENT,
    LAST_MOMENT,
    entry_post,
    files_on_disk,
    form_values,
    pdf,
    vietnam,
    written_counts,
)

pytestmark = pytest.mark.django_db

REFUSAL = "Đã hết hạn nhận bài: hạn cuối là 31/12/2022 23:59:59 (giờ Việt Nam). Bài không được tạo, sửa hay gửi nữa."


def content(area, **fields):
    return services.EntryContent(
        **{"area": area, "kind": "initiative", "title": "Một cửa điện tử", "summary": "Tóm tắt.", **fields}
    )


# The service, called from anywhere.


def test_service_creates_an_entry_in_the_last_tenth_of_the_last_second(campaign, area, author):
    with time_machine.travel(LAST_MOMENT, tick=False):
        entry = services.create_entry(
            campaign=campaign, by=author, person=author.person, content=content(area, new_files=[pdf()])
        )

    assert Entry.objects.get().pk == entry.pk
    assert entry.attachments.count() == 1


def test_service_refuses_to_create_an_entry_at_midnight_after_the_close(campaign, area, author, media_root):
    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False), pytest.raises(ValidationError) as refused:
        services.create_entry(
            campaign=campaign, by=author, person=author.person, content=content(area, new_files=[pdf()])
        )

    assert refused.value.messages == [REFUSAL]
    assert written_counts() == (0, 0, 0)
    assert files_on_disk(media_root) == []


def test_service_updates_an_entry_in_the_last_tenth_of_the_last_second(campaign, area, author):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person, title="Tên cũ")

    with time_machine.travel(LAST_MOMENT, tick=False):
        services.update_entry(entry=entry, by=author, content=content(area, title="Tên mới"))

    entry.refresh_from_db()
    assert entry.title == "Tên mới"


def test_service_refuses_to_update_an_entry_at_midnight_after_the_close(campaign, area, author, media_root):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person, title="Tên cũ")
    before = written_counts()

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False), pytest.raises(ValidationError) as refused:
        services.update_entry(entry=entry, by=author, content=content(area, title="Tên mới", new_files=[pdf()]))

    assert refused.value.messages == [REFUSAL]
    entry.refresh_from_db()
    assert entry.title == "Tên cũ"
    assert written_counts() == before
    assert files_on_disk(media_root) == []


def test_service_submits_an_entry_in_the_last_tenth_of_the_last_second(campaign, area, author):
    entry = AttachmentFactory(entry__campaign=campaign, entry__area=area, entry__person=author.person).entry

    with time_machine.travel(LAST_MOMENT, tick=False):
        submitted = services.submit_entry(entry=entry, by=author)

    entry.refresh_from_db()
    assert submitted is True
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.submitted_at == LAST_MOMENT


def test_service_refuses_to_submit_an_entry_at_midnight_after_the_close(campaign, area, author):
    entry = AttachmentFactory(entry__campaign=campaign, entry__area=area, entry__person=author.person).entry

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False), pytest.raises(ValidationError) as refused:
        services.submit_entry(entry=entry, by=author)

    assert refused.value.messages == [REFUSAL]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT
    assert EntryEvent.objects.filter(action=EntryAction.SUBMITTED).count() == 0


# The staff web forms.


def test_new_entry_form_submits_in_the_last_tenth_of_the_last_second(client, campaign, area, author):
    client.force_login(author)

    with time_machine.travel(LAST_MOMENT, tick=False):
        response = client.post(
            reverse("entry_create", args=[campaign.slug]), entry_post(area, save=None, submit="1", files=pdf())
        )

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("entry_detail", args=[entry.code])
    assert entry.status == EntryStatus.SUBMITTED


def test_new_entry_form_refuses_at_midnight_after_the_close_and_keeps_nothing(
    client, campaign, area, author, media_root
):
    client.force_login(author)

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        response = client.post(
            reverse("entry_create", args=[campaign.slug]), entry_post(area, save=None, submit="1", files=pdf())
        )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [REFUSAL]
    assert REFUSAL in response.text
    assert written_counts() == (0, 0, 0)
    assert files_on_disk(media_root) == []


def test_edit_form_saves_in_the_last_tenth_of_the_last_second(client, campaign, area, author):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person, title="Tên cũ")
    client.force_login(author)

    with time_machine.travel(LAST_MOMENT, tick=False):
        response = client.post(reverse("entry_update", args=[entry.code]), entry_post(area, title="Tên mới"))

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.title == "Tên mới"


def test_edit_form_refuses_at_midnight_after_the_close_and_keeps_nothing(client, campaign, area, author, media_root):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person, title="Tên cũ")
    client.force_login(author)
    before = written_counts()

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        response = client.post(
            reverse("entry_update", args=[entry.code]), entry_post(area, title="Tên mới", files=pdf())
        )

    entry.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [REFUSAL]
    assert entry.title == "Tên cũ"
    assert written_counts() == before
    assert files_on_disk(media_root) == []


# The secretary's admin.


def admin_change(client, entry):
    url = reverse("admin:submissions_entry_change", args=[entry.pk])
    return url, form_values(client.get(url))


def test_admin_change_form_saves_in_the_last_tenth_of_the_last_second(client, campaign, area, author, secretary):
    entry = EntryFactory(
        campaign=campaign, area=area, person=author.person, title="Tên cũ", status=EntryStatus.SUBMITTED
    )
    client.force_login(secretary)

    with time_machine.travel(LAST_MOMENT, tick=False):
        url, data = admin_change(client, entry)
        response = client.post(url, {**data, "title": "Tên do thư ký sửa"})

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.title == "Tên do thư ký sửa"
    assert list(entry.events.values_list("action", "actor")) == [(EntryAction.EDITED, secretary.pk)]


def test_admin_change_form_refuses_at_midnight_after_the_close(client, campaign, area, author, secretary):
    entry = EntryFactory(
        campaign=campaign, area=area, person=author.person, title="Tên cũ", status=EntryStatus.SUBMITTED
    )
    client.force_login(secretary)
    with time_machine.travel(LAST_MOMENT, tick=False):
        url, data = admin_change(client, entry)

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        response = client.post(url, {**data, "title": "Tên do thư ký sửa"})

    entry.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [REFUSAL]
    assert DEADLINE_TEXT in response.text
    assert entry.title == "Tên cũ"
    assert entry.events.count() == 0


# A personal extension.


@pytest.fixture
def extension(campaign, author, secretary):
    """The secretary lets the author enter until 07/01/2023 23:59:59."""
    with time_machine.travel(vietnam(2022, 12, 30, 8, 0), tick=False):
        return services.grant_extension(
            campaign=campaign,
            by=secretary,
            person=author.person,
            closes_at=vietnam(2023, 1, 7, 23, 59, 59),
            reason="Ốm nằm viện từ 20/12/2022, có giấy ra viện.",
        )


def test_extension_lets_its_participant_create_and_submit_after_the_close(campaign, area, author, extension):
    with time_machine.travel(vietnam(2023, 1, 7, 23, 59, 59, 900000), tick=False):
        entry = services.create_entry(
            campaign=campaign,
            by=author,
            person=author.person,
            content=content(area, new_files=[pdf()]),
            submit=True,
        )

    assert entry.status == EntryStatus.SUBMITTED


def test_extension_is_not_honoured_for_another_participant(campaign, area, other, extension):
    with time_machine.travel(vietnam(2023, 1, 2, 9, 0), tick=False), pytest.raises(ValidationError) as refused:
        services.create_entry(campaign=campaign, by=other, person=other.person, content=content(area))

    assert refused.value.messages == [REFUSAL]
    assert Entry.objects.count() == 0


def test_extension_ends_at_its_own_last_second(campaign, area, author, extension):
    with time_machine.travel(vietnam(2023, 1, 8), tick=False), pytest.raises(ValidationError) as refused:
        services.create_entry(campaign=campaign, by=author, person=author.person, content=content(area))

    assert refused.value.messages == [
        "Đã hết hạn nhận bài: hạn cuối là 07/01/2023 23:59:59 (giờ Việt Nam). Bài không được tạo, sửa hay gửi nữa."
    ]


def test_extension_opens_the_entry_form_for_its_participant_only(client, campaign, author, other, extension):
    url = reverse("entry_create", args=[campaign.slug])

    with time_machine.travel(vietnam(2023, 1, 2, 9, 0), tick=False):
        client.force_login(author)
        for_author = client.get(url)
        client.force_login(other)
        for_other = client.get(url, follow=True)

    assert for_author.status_code == 200
    assert for_other.redirect_chain == [(reverse("campaign_detail", args=[campaign.slug]), 302)]
    assert [str(m) for m in for_other.context["messages"]] == ["Phong trào này hiện không nhận bài."]


def test_participant_with_an_extension_finds_the_form_from_the_home_page(client, campaign, author, extension):
    client.force_login(author)

    with time_machine.travel(vietnam(2023, 1, 2, 9, 0), tick=False):
        response = client.get(reverse("home"))

    assert reverse("entry_create", args=[campaign.slug]) in response.text


def test_extension_page_shows_the_personal_deadline_on_the_entry_page(client, campaign, area, author, extension):
    entry = EntryFactory(campaign=campaign, area=area, person=author.person)
    client.force_login(author)

    with time_machine.travel(vietnam(2023, 1, 2, 9, 0), tick=False):
        response = client.get(reverse("entry_detail", args=[entry.code]))

    assert "Hạn sửa và gửi bài: 07/01/2023 23:59:59 (giờ Việt Nam)." in response.text


def extension_form(campaign, person, *, day="07/01/2023", reason="Đi công tác biên giới dài ngày."):
    return {
        "campaign": str(campaign.pk),
        "person": str(person.pk),
        "unit": "",
        "closes_at_0": day,
        "closes_at_1": "23:59:59",
        "reason": reason,
    }


def test_secretary_grants_an_extension_on_the_admin_add_page(client, campaign, area, author, other, secretary):
    client.force_login(secretary)

    with time_machine.travel(vietnam(2022, 12, 30, 8, 0), tick=False):
        response = client.post(
            reverse("admin:submissions_personaldeadline_add"), extension_form(campaign, author.person)
        )

    granted = PersonalDeadline.objects.get()
    assert response.status_code == 302
    assert (granted.person, granted.closes_at, granted.granted_by) == (
        author.person,
        vietnam(2023, 1, 7, 23, 59, 59),
        secretary,
    )
    with time_machine.travel(vietnam(2023, 1, 7, 23, 59, 59, 900000), tick=False):
        services.create_entry(campaign=campaign, by=author, person=author.person, content=content(area))
        with pytest.raises(ValidationError):
            services.create_entry(campaign=campaign, by=other, person=other.person, content=content(area))
    assert list(Entry.objects.values_list("person", flat=True)) == [author.person.pk]


def test_a_second_extension_keeps_the_first_in_history(client, campaign, author, secretary, extension):
    client.force_login(secretary)

    with time_machine.travel(vietnam(2023, 1, 5, 8, 0), tick=False):
        client.post(
            reverse("admin:submissions_personaldeadline_add"),
            extension_form(campaign, author.person, day="10/01/2023", reason="Gia hạn thêm vì chờ xác nhận."),
        )

    assert list(PersonalDeadline.objects.order_by("pk").values_list("closes_at", flat=True)) == [
        vietnam(2023, 1, 7, 23, 59, 59),
        vietnam(2023, 1, 10, 23, 59, 59),
    ]


def test_admin_extension_earlier_than_the_campaign_deadline_is_explained_on_the_form(
    client, campaign, author, secretary
):
    client.force_login(secretary)

    with time_machine.travel(vietnam(2022, 12, 30, 8, 0), tick=False):
        response = client.post(
            reverse("admin:submissions_personaldeadline_add"), extension_form(campaign, author.person, day="30/12/2022")
        )

    assert response.status_code == 200
    assert "Hạn mới phải sau hạn chung của phong trào." in response.text
    assert PersonalDeadline.objects.count() == 0


# Withdrawing (issue 13, item 10): the field of entries is fixed at the entrant's deadline.

WITHDRAW_REFUSAL = "Đã hết hạn của bài (31/12/2022 23:59:59, giờ Việt Nam) nên không rút bài được nữa."


def submitted_entry(campaign, area, author):
    return EntryFactory(campaign=campaign, area=area, person=author.person, status=EntryStatus.SUBMITTED)


def test_service_withdraws_an_entry_in_the_last_tenth_of_the_last_second(campaign, area, author):
    entry = submitted_entry(campaign, area, author)

    with time_machine.travel(LAST_MOMENT, tick=False):
        services.withdraw_entry(entry=entry, by=author)

    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN


def test_service_refuses_to_withdraw_an_entry_at_midnight_after_the_close(campaign, area, author):
    entry = submitted_entry(campaign, area, author)

    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False), pytest.raises(ValidationError) as refused:
        services.withdraw_entry(entry=entry, by=author)

    assert refused.value.messages == [WITHDRAW_REFUSAL]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert EntryEvent.objects.filter(action=EntryAction.WITHDRAWN).count() == 0


def test_entry_page_offers_no_withdrawal_after_the_close_and_refuses_the_post(client, campaign, area, author):
    entry = submitted_entry(campaign, area, author)
    client.force_login(author)
    url = reverse("entry_detail", args=[entry.code])

    with time_machine.travel(LAST_MOMENT, tick=False):
        before = client.get(url)
    with time_machine.travel(FIRST_CLOSED_MOMENT, tick=False):
        after = client.get(url)
        posted = client.post(reverse("entry_action", args=[entry.code, "rut"]), follow=True)

    assert (before.context["can_withdraw"], after.context["can_withdraw"]) == (True, False)
    assert [str(m) for m in posted.context["messages"]] == [WITHDRAW_REFUSAL]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_extension_lets_its_participant_withdraw_until_their_own_last_second(campaign, area, author, extension):
    kept, withdrawn = submitted_entry(campaign, area, author), submitted_entry(campaign, area, author)

    with time_machine.travel(vietnam(2023, 1, 7, 23, 59, 59, 900000), tick=False):
        services.withdraw_entry(entry=withdrawn, by=author)
    with time_machine.travel(vietnam(2023, 1, 8), tick=False), pytest.raises(ValidationError) as refused:
        services.withdraw_entry(entry=kept, by=author)

    assert refused.value.messages == [
        "Đã hết hạn của bài (07/01/2023 23:59:59, giờ Việt Nam) nên không rút bài được nữa."
    ]
    assert list(Entry.objects.order_by("pk").values_list("status", flat=True)) == [
        EntryStatus.SUBMITTED,
        EntryStatus.WITHDRAWN,
    ]

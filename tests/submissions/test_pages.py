"""The staff pages as a staff member reads them: home, the entry form, my entries, the entry page."""

from decimal import Decimal

import lxml.html
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from submissions import services
from submissions.enums import EntryStatus
from submissions.models import Entry
from tests.factories import AttachmentFactory, EntryFactory
from tests.submissions.conftest import DURING, entry_post, vietnam

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


def test_home_page_leads_to_the_entry_form_of_the_open_campaign(client, campaign, author):
    client.force_login(author)

    response = client.get(reverse("home"))

    assert response.context["open_campaigns"] == [campaign]
    assert "Hạn cuối: <strong>31/12/2022 23:59:59</strong>" in response.text
    assert "(còn 1\xa0tháng, 2\xa0tuần)" in response.text
    assert f'href="{reverse("entry_create", args=[campaign.slug])}">Gửi bài dự thi</a>' in response.text


def test_home_page_counts_my_entries_once_per_status(client, campaign, author):
    for day, status in [(1, EntryStatus.DRAFT), (2, EntryStatus.SUBMITTED), (3, EntryStatus.DRAFT)]:
        with time_machine.travel(vietnam(2022, 11, day), tick=False):
            EntryFactory(campaign=campaign, person=author.person, status=status)
    client.force_login(author)

    response = client.get(reverse("home"))

    assert response.context["status_counts"] == [("Bản nháp", 2), ("Đã gửi", 1)]
    assert "Bản nháp: <strong>2</strong>" in response.text


def test_empty_title_is_explained_on_the_field_in_vietnamese(client, campaign, area, author):
    client.force_login(author)

    response = client.post(reverse("entry_create", args=[campaign.slug]), entry_post(area, title=""))

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["Trường này là bắt buộc."]}
    assert "Bài chưa được lưu. Hãy xem các ô báo lỗi bên dưới." in response.text
    assert "Rút ngắn thời gian tra cứu hồ sơ từ hai ngày xuống hai giờ." in response.text
    assert Entry.objects.count() == 0


def test_self_score_above_the_criterion_maximum_is_refused_on_its_field(client, campaign, area, author):
    criterion = campaign.criteria.create(code="TC1", name="Tính mới", max_points=25, order=1)
    client.force_login(author)

    response = client.post(
        reverse("entry_create", args=[campaign.slug]), entry_post(area, **{f"self_score_{criterion.pk}": "30"})
    )

    assert list(response.context["form"].errors) == [f"self_score_{criterion.pk}"]
    assert Entry.objects.count() == 0


def test_my_entries_lists_only_my_own_entries_newest_first(client, campaign, author, other):
    with time_machine.travel(vietnam(2022, 11, 1), tick=False):
        older = EntryFactory(campaign=campaign, person=author.person)
    with time_machine.travel(vietnam(2022, 11, 2), tick=False):
        newer = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.SUBMITTED)
    EntryFactory(campaign=campaign, person=other.person, status=EntryStatus.SUBMITTED)
    client.force_login(author)

    response = client.get(reverse("my_entries"))

    assert list(response.context["entries"]) == [newer, older]


def test_entry_page_links_evidence_through_the_checked_download(client, campaign, author):
    attachment = AttachmentFactory(entry__campaign=campaign, entry__person=author.person)
    client.force_login(author)

    response = client.get(reverse("entry_detail", args=[attachment.entry.code]))

    assert f'<a href="{reverse("attachment_download", args=[attachment.code])}">minh-chung.pdf</a>' in response.text
    assert attachment.file.name not in response.text


def test_entry_form_offers_a_fresh_token_each_time_it_is_opened(client, campaign, author):
    client.force_login(author)

    tokens = [
        client.get(reverse("entry_create", args=[campaign.slug])).context["form"]["form_token"].value()
        for _ in range(2)
    ]

    assert tokens[0] != tokens[1]


def test_entry_form_of_a_closed_campaign_sends_the_visitor_back_with_an_explanation(client, campaign, author):
    with time_machine.travel(vietnam(2023, 1, 1), tick=False):
        client.force_login(author)
        response = client.get(reverse("entry_create", args=[campaign.slug]), follow=True)

    assert response.redirect_chain == [(reverse("campaign_detail", args=[campaign.slug]), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Phong trào này hiện không nhận bài."]


def test_self_score_help_shows_the_criterion_maximum_as_people_write_it(client, campaign, author):
    campaign.criteria.create(code="TC2", name="Hiệu quả đạt được", max_points=Decimal("30.00"), order=1)
    client.force_login(author)

    response = client.get(reverse("entry_create", args=[campaign.slug]))

    assert "Tối đa 30 điểm." in response.text
    assert "3E+1" not in response.text


def test_self_score_above_the_maximum_is_explained_by_the_service_as_people_write_it(campaign, area, author):
    criterion = campaign.criteria.create(code="TC2", name="Hiệu quả đạt được", max_points=Decimal("30.00"), order=1)
    content = services.EntryContent(
        area=area, kind="initiative", title="Một cửa", summary="Tóm tắt.", self_scores={criterion: Decimal(31)}
    )

    with pytest.raises(ValidationError) as refused:
        services.create_entry(campaign=campaign, by=author, person=author.person, content=content)

    assert refused.value.message_dict == {f"self_score_{criterion.pk}": ["Điểm phải từ 0 đến 30."]}


def test_sending_an_entry_asks_for_confirmation_first_on_the_form_and_on_the_entry_page(client, campaign, author):
    # "Gửi bài" makes the entry read-only (issue 14, item 12): the button that sends is inside a
    # folded confirmation that says so, on both pages that send.
    draft = EntryFactory(campaign=campaign, person=author.person, status=EntryStatus.DRAFT)
    client.force_login(author)

    for url in (reverse("entry_create", args=[campaign.slug]), reverse("entry_detail", args=[draft.code])):
        page = lxml.html.fromstring(client.get(url).content)
        (send,) = page.xpath('//button[@type="submit" and normalize-space()="Xác nhận gửi bài"]')
        confirmation = send.xpath("ancestor::details")[0]
        assert confirmation.xpath("normalize-space(summary)") == "Gửi bài…"
        assert "không sửa được nữa" in confirmation.text_content()
        assert page.xpath('//button[normalize-space()="Gửi bài"]') == []

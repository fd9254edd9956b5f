"""The demo's close-and-award story can be finished (issue 14, item 2): the 2021 sample campaign's
list was posted in January 2022 for the campaign's posting days, so the leader approves it today
and downloads the final Excel file; loading the demo again changes nothing."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards.enums import ListStatus
from awards.models import NomineeList

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_user_model):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return django_user_model.objects, out.getvalue()


def test_the_demo_holds_a_posted_list_whose_comment_period_is_over_and_the_leader_approves_it(client, demo):
    users, printed = demo
    ready = NomineeList.objects.select_related("campaign").get(campaign__slug="95-kh-bdt-2021-mau")
    assert "/danh-sach/95-kh-bdt-2021-mau/" in printed
    assert ready.status == ListStatus.PUBLISHED
    assert ready.posting_ends_at - ready.posted_at == timezone.timedelta(days=ready.campaign.posting_days)
    assert ready.campaign.is_sample and ready.nominees.exists()
    client.force_login(users.get(username="lanhdao"))
    today = timezone.localdate()

    response = client.post(
        reverse("nominee_list_approve", args=[ready.campaign.slug, ready.code]),
        {
            "decision_number": "Quyết định số 12/QĐ-BDT",
            "decision_date": f"{today:%d/%m/%Y}",
            "signer_title": "Trưởng ban",
            "signer": "Nguyễn Văn Trưởng",
        },
    )
    excel = client.get(reverse("nominee_list_export", args=[ready.code]))
    sheet = load_workbook(BytesIO(b"".join(excel.streaming_content))).active

    assert response.status_code == 302
    ready.refresh_from_db()
    assert (ready.status, ready.decision_number) == (ListStatus.APPROVED, "12/QĐ-BDT")
    assert sheet["A6"].value == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"


def test_loading_the_demo_again_keeps_one_list_ready(demo):
    call_command("load_demo", stdout=StringIO())

    assert list(NomineeList.objects.filter(campaign__slug="95-kh-bdt-2021-mau").values_list("status", flat=True)) == [
        ListStatus.PUBLISHED
    ]

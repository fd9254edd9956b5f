"""The demo's register (issue 17, item 5): 2020–2021 awards imported, one recognised initiative, and
the 2021 sample list entering the register when the leader approves it; loading again adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awards.models import NomineeList
from honours.enums import RegisterSource
from honours.models import RecognisedInitiative, RegisterEntry

pytestmark = pytest.mark.django_db


def test_the_demo_register_holds_earlier_years_and_fills_when_the_2021_list_is_approved(client, django_user_model):
    call_command("load_demo", stdout=StringIO())
    imported = RegisterEntry.objects.filter(source=RegisterSource.IMPORTED)
    assert sorted(set(imported.values_list("year", flat=True))) == [2020, 2021]
    assert imported.count() == 13
    assert RecognisedInitiative.objects.filter(entry__campaign__slug="169-kh-bdt-2022").count() == 1
    ready = NomineeList.objects.select_related("campaign").get(campaign__slug="95-kh-bdt-2021-mau")
    client.force_login(django_user_model.objects.get(username="lanhdao"))

    client.post(
        reverse("nominee_list_approve", args=[ready.campaign.slug, ready.code]),
        {
            "decision_number": "12/QĐ-BDT",
            "decision_date": f"{timezone.localdate():%d/%m/%Y}",
            "signer_title": "Trưởng ban",
            "signer": "Nguyễn Văn Trưởng",
        },
    )
    call_command("load_demo", stdout=StringIO())

    from_list = RegisterEntry.objects.filter(source=RegisterSource.CAMPAIGN)
    assert from_list.count() == ready.nominees.count() > 0
    assert set(from_list.values_list("year", "decision_number")) == {(2021, "12/QĐ-BDT")}
    assert (imported.count(), RecognisedInitiative.objects.count()) == (13, 1)

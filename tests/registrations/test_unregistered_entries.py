"""An entry from someone who did not register, in a campaign that requires registration: refused
(policy "refuse") or accepted and flagged for the council (policy "flag"), through the entry form."""

import pytest
import time_machine
from django.urls import reverse

from campaigns.enums import UnregisteredPolicy
from registrations import services
from submissions.models import Entry
from tests.factories import CampaignFactory
from tests.registrations.conftest import AFTER_REGISTRATION, DURING_REGISTRATION, WINDOW_TEXT
from tests.submissions.conftest import entry_post

pytestmark = pytest.mark.django_db

FLAG = "Chưa đăng ký thi đua — cần Hội đồng quyết định."
REFUSAL = (
    "Phong trào yêu cầu đăng ký thi đua và bạn (hoặc tập thể) chưa đăng ký nên không gửi bài được. "
    f"Thời gian đăng ký: {WINDOW_TEXT}; ngoài thời gian này hãy liên hệ thư ký Hội đồng."
)


def send_entry(client, campaign):
    with time_machine.travel(AFTER_REGISTRATION, tick=False):
        return client.post(reverse("entry_create", args=[campaign.slug]), entry_post(campaign.areas.get()))


def with_policy(campaign, policy):
    campaign.unregistered_policy = policy
    campaign.save(update_fields=["unregistered_policy"])


def test_policy_refuse_refuses_the_entry_of_someone_who_did_not_register(client, campaign, author):
    with_policy(campaign, UnregisteredPolicy.REFUSE)
    client.force_login(author)

    response = send_entry(client, campaign)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [REFUSAL]
    assert Entry.objects.count() == 0


def test_policy_refuse_takes_the_entry_of_someone_who_registered(client, campaign, author, giay_khen):
    with_policy(campaign, UnregisteredPolicy.REFUSE)
    services.register(
        campaign=campaign,
        by=author,
        person=author.person,
        award_forms=[giay_khen],
        commitments="Hoàn thành tốt",
        moment=DURING_REGISTRATION,
    )
    client.force_login(author)

    response = send_entry(client, campaign)

    assert response.status_code == 302
    entry = Entry.objects.get()
    page = client.get(reverse("entry_detail", args=[entry.code])).content.decode()
    assert FLAG not in page


def test_policy_flag_takes_the_entry_and_flags_it_on_its_page_and_in_the_admin(client, campaign, author, secretary):
    with_policy(campaign, UnregisteredPolicy.FLAG)
    client.force_login(author)

    response = send_entry(client, campaign)

    assert response.status_code == 302
    entry = Entry.objects.get()
    assert FLAG in client.get(reverse("entry_detail", args=[entry.code])).content.decode()
    Entry.objects.filter(pk=entry.pk).update(status="submitted")
    client.force_login(secretary)
    flagged = client.get(reverse("admin:submissions_entry_changelist"), {"dang_ky": "chua"})
    assert list(flagged.context["cl"].result_list) == [entry]
    assert "Chưa đăng ký — cần Hội đồng quyết định" in flagged.content.decode()


def test_a_campaign_without_registration_flags_nobody(client, campaign, author):
    campaign.requires_registration = False
    campaign.unregistered_policy = UnregisteredPolicy.REFUSE
    campaign.save()
    client.force_login(author)

    response = send_entry(client, campaign)

    assert response.status_code == 302
    entry = Entry.objects.get()
    assert FLAG not in client.get(reverse("entry_detail", args=[entry.code])).content.decode()


def test_a_new_campaign_takes_its_policy_from_the_setting(settings, agency):
    settings.REGISTRATION_DEFAULT_POLICY = "refuse"
    refusing = CampaignFactory(agency=agency)
    settings.REGISTRATION_DEFAULT_POLICY = "flag"
    flagging = CampaignFactory(agency=agency)

    assert (refusing.unregistered_policy, flagging.unregistered_policy) == ("refuse", "flag")

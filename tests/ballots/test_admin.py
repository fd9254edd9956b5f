"""The secretary opens a ballot in the admin, through ``services.open_ballot``."""

import pytest
from django.urls import reverse

from ballots.models import Ballot

pytestmark = pytest.mark.django_db


def test_the_secretary_opens_a_ballot_for_a_meeting_in_the_admin(client, ballot_world):
    client.force_login(ballot_world.secretary)
    data = {"nominee_list": ballot_world.nominee_list.pk, "meeting_date": "05/01/2023", "place": "Phòng họp số 1"}

    response = client.post(reverse("admin:ballots_ballot_add"), data)

    ballot = Ballot.objects.get()
    assert response.status_code == 302
    assert (ballot.nominee_list, ballot.council_size, ballot.opened_by) == (
        ballot_world.nominee_list,
        3,
        ballot_world.secretary,
    )


def test_a_list_without_a_nominee_to_vote_on_gets_no_ballot(client, ballot_world):
    ballot_world.nominee_list.nominees.filter(award_form__requires_vote=True).delete()
    client.force_login(ballot_world.secretary)
    data = {"nominee_list": ballot_world.nominee_list.pk, "meeting_date": "05/01/2023", "place": "Phòng họp số 1"}

    response = client.post(reverse("admin:ballots_ballot_add"), data)

    assert "Danh sách không có ai thuộc hình thức khen thưởng cần Hội đồng bỏ phiếu kín." in response.content.decode()
    assert Ballot.objects.count() == 0

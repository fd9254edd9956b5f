"""The ballot's pages: a member votes on their own screen; the secretary records attendance, enters
paper ballots and closes; the result shows on the ballot page and beside each nominee on the list."""

import pytest
from django.urls import reverse

from ballots import services
from ballots.models import Vote, Voter

pytestmark = pytest.mark.django_db


def page(client, user, ballot):
    client.force_login(user)
    return client.get(reverse("ballot", args=[ballot.code])).content.decode()


def act(client, user, ballot, action, data):
    client.force_login(user)
    return client.post(reverse("ballot_action", args=[ballot.code, action]), data, follow=True)


def test_a_present_member_votes_on_their_own_screen_once(client, ballot_world):
    ballot = ballot_world.open()
    member = ballot_world.users[0]
    form = page(client, member, ballot)

    response = act(client, member, ballot, "bo-phieu", {"n1": "1", "n2": "0"})
    again = act(client, member, ballot, "bo-phieu", {"n1": "0", "n2": "0"})

    assert 'name="n1"' in form and 'name="n2"' in form
    assert "Đã ghi nhận phiếu bầu của bạn." in response.content.decode()
    assert "Bạn đã bỏ phiếu" in again.content.decode()
    assert sorted(Vote.objects.values_list("nominee__position", "in_favour")) == [(1, True), (2, False)]
    assert Voter.objects.get(ballot=ballot, member=ballot_world.seats[0]).has_voted


def test_a_conflicted_members_form_leaves_out_the_nominee(client, ballot_world):
    ballot = ballot_world.open()

    form = page(client, ballot_world.users[2], ballot)

    assert ('name="n1"' in form, 'name="n2"' in form) == (True, False)


def test_the_secretary_runs_the_ballot_from_its_page_and_the_list_shows_the_result(client, ballot_world):
    ballot = ballot_world.open(present=[])
    secretary, seats = ballot_world.secretary, ballot_world.seats
    act(client, secretary, ballot, "co-mat", {"members": [s.pk for s in seats[:2]]})
    act(client, secretary, ballot, "phieu-giay", {"members": [seats[1].pk], "yes1": 1, "no1": 0, "yes2": 0, "no2": 1})
    act(client, ballot_world.users[0], ballot, "bo-phieu", {"n1": "1", "n2": "1"})

    closed = act(client, secretary, ballot, "ket-thuc", {}).content.decode()
    listed = client.get(reverse("nominee_list", args=[ballot_world.campaign.slug])).content.decode()

    assert "Kết quả kiểm phiếu" in closed
    assert "Bỏ phiếu kín: 2 đồng ý, 0 không đồng ý (66,67%)" in listed
    assert "Bỏ phiếu kín: 1 đồng ý, 1 không đồng ý (33,33%)" in listed


def test_staff_outside_the_council_side_do_not_find_the_ballot(client, ballot_world, make_user):
    ballot = ballot_world.open()
    client.force_login(make_user("canbo", "staff"))

    assert client.get(reverse("ballot", args=[ballot.code])).status_code == 404


@pytest.mark.parametrize("third_on_ballot", [False, True])
def test_the_closed_ballots_page_runs_the_same_queries_for_two_or_three_nominees(
    client, ballot_world, third_on_ballot, django_assert_num_queries
):
    if third_on_ballot:  # Chi's form too asks for a vote
        ballot_world.chi.award_form.requires_vote = True
        ballot_world.chi.award_form.save(update_fields=["requires_vote"])
    ballot = ballot_world.open()
    ballot_world.vote(ballot, 1, **({"an": True, "binh": True} | ({"chi": False} if third_on_ballot else {})))
    ballot_world.vote(ballot, 2, an=True, binh=False, **({"chi": True} if third_on_ballot else {}))
    services.close_ballot(ballot=ballot, by=ballot_world.secretary)
    client.force_login(ballot_world.secretary)

    with django_assert_num_queries(9):
        response = client.get(reverse("ballot", args=[ballot.code]))

    assert response.content.decode().count('<span class="badge text-bg-danger">') == 2 + third_on_ballot

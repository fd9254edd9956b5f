"""The demo's 2021 ready list comes with the council's closed ballot, every nominee put to the vote
having passed; loading the demo again holds no second ballot."""

from io import StringIO

import pytest
from django.core.management import call_command

from ballots.models import Ballot
from ballots.queries import results

pytestmark = pytest.mark.django_db


def test_the_demos_ready_list_has_a_closed_ballot_its_nominees_passed():
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=StringIO())

    ballot = Ballot.objects.get(nominee_list__campaign__slug="95-kh-bdt-2021-mau")
    assert ballot.is_closed and f"/bo-phieu/{ballot.code}/" in out.getvalue()
    assert [r.passes for r in results(ballot)] == [True] * len(results(ballot)) and results(ballot)

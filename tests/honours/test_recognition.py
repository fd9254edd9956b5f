"""Recognised initiatives (issue 17, item 4): the council's secretary records that an initiative or
a solution is recognised as a sáng kiến, with its scope and decision; any other entry is refused.
The entry page and the register's pages show it; the eligibility rules read it by year."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import Role
from campaigns.participants import Participant
from honours.enums import InitiativeScope
from honours.models import RecognisedInitiative
from honours.queries import recognised_initiatives
from honours.services import recognise_initiative
from submissions.enums import EntryKind, EntryStatus
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(make_user):
    return make_user("thuky", Role.SECRETARY)


def entry_of(make_user, kind=EntryKind.INITIATIVE, status=EntryStatus.SCORED):
    author = make_user("an", Role.STAFF, full_name="Nguyễn Văn An")
    return EntryFactory(person=author.person, kind=kind, status=status, title="Một cửa điện tử liên thông")


def recognise(entry, by, **changes):
    fields = {"scope": InitiativeScope.BASE, "decision_number": "30/QĐ-HĐSK", "decision_date": date(2022, 12, 15)}
    return recognise_initiative(entry=entry, by=by, **fields | changes)


def test_an_initiative_is_recognised_and_read_in_its_year(make_user, secretary):
    entry = entry_of(make_user)

    recognise(entry, secretary, decision_number="Quyết định số 30/qđ-hđsk")

    an = Participant.of(person_id=entry.person_id)
    assert [(r.entry, r.scope, r.decision_number) for r in recognised_initiatives(an, year=2022)] == [
        (entry, InitiativeScope.BASE, "30/QĐ-HĐSK")
    ]
    assert list(recognised_initiatives(an, year=2021)) == []


def test_a_solution_may_be_recognised_too(make_user, secretary):
    entry = entry_of(make_user, kind=EntryKind.SOLUTION)

    recognise(entry, secretary)

    assert RecognisedInitiative.objects.get().entry == entry


def test_an_achievement_entry_is_refused_on_its_field(make_user, secretary):
    entry = entry_of(make_user, kind=EntryKind.ACHIEVEMENT)

    with pytest.raises(ValidationError) as refused:
        recognise(entry, secretary)

    assert refused.value.message_dict == {
        "entry": ["Chỉ sáng kiến hoặc giải pháp mới được công nhận là sáng kiến (bài này là “Thành tích”)."]
    }
    assert RecognisedInitiative.objects.count() == 0


@pytest.mark.parametrize("status", [EntryStatus.DRAFT, EntryStatus.WITHDRAWN])
def test_a_draft_or_withdrawn_entry_is_refused(make_user, secretary, status):
    with pytest.raises(ValidationError):
        recognise(entry_of(make_user, status=status), secretary)


def test_an_entry_is_recognised_once(make_user, secretary):
    entry = entry_of(make_user)
    recognise(entry, secretary)

    with pytest.raises(ValidationError) as refused:
        recognise(entry, secretary, decision_number="31/QĐ-HĐSK")

    assert refused.value.message_dict == {"entry": ["Bài này đã được công nhận là sáng kiến."]}


def test_a_decision_dated_after_today_is_refused(make_user, secretary):
    with pytest.raises(ValidationError) as refused:
        recognise(entry_of(make_user), secretary, decision_date=date(2999, 1, 1))

    assert list(refused.value.message_dict) == ["decision_date"]


def test_the_secretary_records_it_in_the_admin_and_an_achievement_is_refused_there(client, make_user, secretary):
    achievement = EntryFactory(kind=EntryKind.ACHIEVEMENT, status=EntryStatus.SCORED)
    initiative = entry_of(make_user)
    client.force_login(secretary)
    url = reverse("admin:honours_recognisedinitiative_add")
    data = {"scope": "base", "decision_number": "30/QĐ-HĐSK", "decision_date": "15/12/2022", "authority": ""}

    refused = client.post(url, data | {"entry": achievement.pk})
    saved = client.post(url, data | {"entry": initiative.pk})

    assert refused.status_code == 200
    assert "Chỉ sáng kiến hoặc giải pháp mới được công nhận là sáng kiến" in refused.text
    assert saved.status_code == 302
    assert [(r.entry, r.recognised_by) for r in RecognisedInitiative.objects.all()] == [(initiative, secretary)]


def test_the_entry_page_and_my_awards_show_the_recognition(client, make_user, secretary):
    entry = entry_of(make_user)
    recognise(entry, secretary)
    client.force_login(entry.person.user)

    entry_page = client.get(reverse("entry_detail", args=[entry.code]))
    mine = client.get(reverse("my_honours"))

    shown = "Đã được công nhận là sáng kiến (Cấp cơ sở) theo Quyết định số 30/QĐ-HĐSK ngày 15/12/2022."
    assert shown in entry_page.text
    assert "Một cửa điện tử liên thông" in mine.text
    assert "Cấp cơ sở · Quyết định số 30/QĐ-HĐSK ngày 15/12/2022" in mine.text

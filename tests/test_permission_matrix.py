"""Every URL, as every persona, against objects that belong to someone else.

The rules below are declared per URL name; the test reads the URLconf, so a new URL without a
declared rule fails here until someone decides who may see it. GET only: actions that change
anything are POST-only and answer GET with 405 once signed in.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from awards.models import NomineeList
from campaigns.enums import CampaignStatus, Role
from campaigns.models import Unit
from campaigns.services import set_roles
from criteria.models import CouncilMember
from tests.factories import (
    AgencyFactory,
    AttachmentFactory,
    CampaignFactory,
    EntryFactory,
    PersonFactory,
    ReformAreaFactory,
    UserFactory,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DURING = datetime(2022, 10, 1, 9, 0, tzinfo=VIETNAM)

PERSONAS = [
    "anonymous",
    "staff",
    "unit_head",
    "council_member",
    "conflicted_member",
    "secretary",
    "leader",
    "administrator",
]
SIGNED_IN = PERSONAS[1:]
COUNCIL_SIDE = {"council_member", "conflicted_member", "secretary", "leader", "administrator"}
SEES_ENTRIES = {"secretary", "leader", "administrator"}


def rule(signed_in, anonymous=302, **exceptions):
    """Expected status per persona: ``signed_in`` for everyone signed in unless named."""
    expected = dict.fromkeys(SIGNED_IN, signed_in)
    expected.update(exceptions)
    expected["anonymous"] = anonymous
    return expected


def only(personas, allowed=200, refused=404, anonymous=302):
    return {p: (allowed if p in personas else refused) for p in SIGNED_IN} | {"anonymous": anonymous}


# URL name -> (arguments from the world, expected status per persona)
FRONT = {
    "login": (lambda w: [], rule(302, anonymous=200)),
    "logout": (lambda w: [], rule(405, anonymous=405)),
    "password_change": (lambda w: [], rule(200)),
    "password_change_done": (lambda w: [], rule(200)),
    "password_reset": (lambda w: [], rule(200, anonymous=200)),
    "password_reset_done": (lambda w: [], rule(200, anonymous=200)),
    "password_reset_confirm": (lambda w: ["MQ", "bad-token"], rule(200, anonymous=200)),
    "password_reset_complete": (lambda w: [], rule(200, anonymous=200)),
    "set_language": (lambda w: [], rule(302, anonymous=302)),
    "home": (lambda w: [], rule(200)),
    "campaign_detail": (lambda w: [w["open"].slug], rule(200)),
    "entry_create": (lambda w: [w["open"].slug], rule(200)),
    "my_entries": (lambda w: [], rule(200)),
    "entry_detail": (lambda w: [w["entry"].code], only(SEES_ENTRIES)),
    "entry_update": (lambda w: [w["entry"].code], only(SEES_ENTRIES, allowed=302)),
    "entry_action": (lambda w: [w["entry"].code, "gui"], rule(405)),
    "attachment_download": (lambda w: [w["attachment"].code], only(SEES_ENTRIES)),
    "ranking": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    "ranking_charts": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    "ranking_export": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    "ranking_explain": (lambda w: [w["closed"].slug, "ca-nhan", w["owner"].code], only(COUNCIL_SIDE)),
    "nominee_list": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    "nominee_list_action": (lambda w: [w["closed"].slug, "phe-duyet"], rule(405)),
    "nominee_list_export": (lambda w: [w["draft_list"].code], only(COUNCIL_SIDE)),
}

ADMIN_SITE = {"council_member", "conflicted_member", "secretary", "leader", "administrator"}


def admin_rule(allowed):
    """Admin pages: non-admin users are sent to the admin sign-in, admin users without the right get 403."""
    return {p: (200 if p in allowed else 403 if p in ADMIN_SITE else 302) for p in SIGNED_IN} | {"anonymous": 302}


ADMIN = {
    "admin:index": admin_rule(ADMIN_SITE),
    "admin:campaigns_unit_changelist": admin_rule({"secretary", "leader", "administrator"}),
    "admin:campaigns_person_changelist": admin_rule({"secretary", "leader", "administrator"}),
    "admin:auth_user_changelist": admin_rule({"administrator"}),
    "admin:campaigns_campaign_changelist": admin_rule({"secretary", "leader", "administrator"}),
    "admin:criteria_criterion_changelist": admin_rule({"secretary", "leader", "administrator"}),
    "admin:criteria_councilmember_changelist": admin_rule({"secretary", "leader", "administrator"}),
    "admin:submissions_entry_changelist": admin_rule({"secretary", "leader", "administrator"}),
    "admin:submissions_personaldeadline_changelist": admin_rule({"secretary", "administrator"}),
    "admin:submissions_assignment_changelist": admin_rule({"council_member", "conflicted_member", "secretary"}),
    "admin:submissions_assignment_progress": admin_rule({"secretary", "administrator"}),
    "admin:submissions_scorechange_changelist": admin_rule({"secretary", "leader"}),
    "admin:awards_nomineelist_changelist": admin_rule({"secretary", "leader", "administrator"}),
}


def front_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


@pytest.fixture
def world(db):
    """Two units; an entry (with evidence) of someone in unit B; council members in A and in B."""
    agency = AgencyFactory()
    unit_a = Unit.objects.create(agency=agency, code="a", name="Phòng A")
    unit_b = Unit.objects.create(agency=agency, code="b", name="Phòng B")
    people = {}
    for persona, unit in [
        ("staff", unit_a),
        ("unit_head", unit_a),
        ("council_member", unit_a),
        ("conflicted_member", unit_b),
        ("secretary", unit_a),
        ("leader", unit_a),
        ("administrator", unit_a),
    ]:
        user = UserFactory(username=persona)
        role = {"staff": Role.STAFF, "conflicted_member": Role.COUNCIL_MEMBER}.get(persona, persona)
        set_roles(user=user, roles={Role.STAFF, role})
        people[persona] = PersonFactory(user=user, unit=unit)
    unit_a.head = people["unit_head"]
    unit_a.save()
    open_campaign = CampaignFactory(agency=agency)
    ReformAreaFactory(campaign=open_campaign)
    closed = CampaignFactory(agency=agency, status=CampaignStatus.CLOSED)
    for persona in ("council_member", "conflicted_member"):
        CouncilMember.objects.create(campaign=open_campaign, person=people[persona])
        CouncilMember.objects.create(campaign=closed, person=people[persona])
    owner = PersonFactory(unit=unit_b, user=UserFactory(username="owner"))
    entry = EntryFactory(campaign=open_campaign, person=owner, status="submitted")
    draft_list = NomineeList.objects.create(campaign=closed, version=1, fingerprint="0" * 64, compiled_by="test")
    return {
        "open": open_campaign,
        "closed": closed,
        "entry": entry,
        "attachment": AttachmentFactory(entry=entry),
        "owner": owner,
        "draft_list": draft_list,
    }


def test_every_front_url_has_a_declared_rule():
    assert front_url_names() == set(FRONT)


def _get(client, persona, url):
    client.logout()
    if persona != "anonymous":
        client.force_login(UserFactory(username=persona))
    with time_machine.travel(DURING, tick=False):
        response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # reading a download to its end closes its file
    return response.status_code


@pytest.mark.parametrize("name", sorted(FRONT))
def test_front_pages_answer_each_persona_as_declared(client, world, name):
    args, expected = FRONT[name]
    url = reverse(name, args=args(world))
    assert {persona: _get(client, persona, url) for persona in PERSONAS} == expected


@pytest.mark.parametrize("name", sorted(ADMIN))
def test_admin_pages_answer_each_persona_as_declared(client, world, name):
    url = reverse(name)
    assert {persona: _get(client, persona, url) for persona in PERSONAS} == ADMIN[name]

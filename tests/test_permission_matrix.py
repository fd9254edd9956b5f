"""Every URL, as every persona, against objects that belong to someone else.

The rules below are declared per URL name; the test reads the URLconf, so a new URL without a
declared rule fails here until someone decides who may see it. GET only: actions that change
anything are POST-only and answer GET with 405 once signed in.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import rules
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from awards.enums import ListStatus
from awards.models import Nominee, NomineeList
from ballots.models import Ballot
from campaigns.enums import CampaignStatus, Role
from campaigns.models import Unit
from campaigns.roles import GROUP_NAMES
from campaigns.services import set_roles
from criteria.models import AwardForm, CouncilMember, Criterion
from honours.enums import InitiativeScope, RegisterSource
from honours.models import RecognisedInitiative, RegisterEntry
from registrations.models import Registration
from submissions.models import Assignment, PersonalDeadline, Score, ScoreChange
from tests.factories import (
    AgencyFactory,
    AttachmentFactory,
    CampaignFactory,
    EntryFactory,
    PersonFactory,
    ReformAreaFactory,
    UserFactory,
)
from tests.urlconf import routes

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DURING = datetime(2022, 10, 1, 9, 0, tzinfo=VIETNAM)
THIRD_SCORER = "Người Chấm Thứ Ba"

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
    "account_invitation_confirm": (lambda w: ["MQ", "bad-token"], rule(200, anonymous=200)),
    "set_language": (lambda w: [], rule(302, anonymous=302)),
    "home": (lambda w: [], rule(200)),
    "campaign_detail": (lambda w: [w["open"].slug], rule(200)),
    "entry_create": (lambda w: [w["open"].slug], rule(200)),
    # Registration (issue 17): everyone with a person record registers themselves; a unit only by its head.
    "registration": (lambda w: [w["open"].slug], rule(200)),
    "registration_unit": (lambda w: [w["open"].slug, "a"], only({"unit_head"})),
    "my_entries": (lambda w: [], rule(200)),
    "entry_detail": (lambda w: [w["entry"].code], only(SEES_ENTRIES)),
    "entry_update": (lambda w: [w["entry"].code], only(SEES_ENTRIES, allowed=302)),
    "entry_action": (lambda w: [w["entry"].code, "gui"], rule(405)),
    # Evidence: those who see the entry, and the member assigned to score it unless conflicted (issue 13).
    "attachment_download": (lambda w: [w["attachment"].code], only(SEES_ENTRIES | {"council_member"})),
    "ranking": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    "ranking_charts": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    "ranking_export": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    # The page opens to the council side; the scorers' names on it follow NAMES_SHOWN below.
    "ranking_explain": (lambda w: [w["closed"].slug, "ca-nhan", w["owner"].code], only(COUNCIL_SIDE)),
    "nominee_list": (lambda w: [w["closed"].slug], only(COUNCIL_SIDE)),
    "nominee_list_action": (lambda w: [w["closed"].slug, "lap"], rule(405)),
    "nominee_list_approve": (lambda w: [w["closed"].slug, w["draft_list"].code], only({"leader"})),
    "nominee_list_export": (lambda w: [w["draft_list"].code], only(COUNCIL_SIDE)),
    # The award register (issue 17, item 5): everyone reads their own awards; a unit's history is
    # read by its head, leaders and the secretary.
    "my_honours": (lambda w: [], rule(200)),
    "unit_honours": (lambda w: ["a"], only({"unit_head", "secretary", "leader"})),
    # The council's secret ballot (issue 17): the council side opens its page (a member votes only
    # when present, the secretary runs it: the services decide); its actions are POST only.
    "ballot": (lambda w: [w["ballot"].code], only(COUNCIL_SIDE)),
    "ballot_action": (lambda w: [w["ballot"].code, "bo-phieu"], only(COUNCIL_SIDE, allowed=405)),
    # The Word documents of an approved list (issue 18): whoever may read the approved list, staff included.
    "nominee_list_decision": (lambda w: [w["approved_list"].code], rule(200)),
    "nominee_list_proposal": (lambda w: [w["approved_list"].code], rule(200)),
}

# Pages that show an entry's per-member points: who reads the scorers' names there (DESIGN.md rule 3,
# issue 13). The owner's scored entry was scored in full by council_member and conflicted_member (the
# owner is in conflicted_member's unit) and by a third member: a conflicted member, even one who has
# scored, and everyone but the secretary and leaders see aggregates only.
NAMES_SHOWN = {
    "ranking_explain": {"council_member", "secretary", "leader"},
}

ADMIN_SITE = {"council_member", "conflicted_member", "secretary", "leader", "administrator"}

# What each persona may do with each model in the admin: action -> personas. The admin checks each
# object too: a member's assignment list holds only their own, drafts are nobody's business there.
SEES_ORGANISATION = {"secretary", "leader", "administrator"}
CONFIGURES = {"secretary"}
MODELS = {
    "campaigns.agency": {"view": SEES_ORGANISATION, "add": {"administrator"}, "change": {"administrator"}},
    "campaigns.unit": {"view": SEES_ORGANISATION, "add": {"secretary", "administrator"}, "delete": {"administrator"}},
    "campaigns.person": {"view": SEES_ORGANISATION, "add": {"secretary", "administrator"}, "delete": {"administrator"}},
    # The secretariat sees accounts to invite them; only administrators change them (ordinary ones).
    "auth.user": {"view": {"secretary", "administrator"}, "add": {"administrator"}},
    "auth.group": {"view": {"administrator"}},
    # Deleting a sign-in attempt unlocks its username at its address (the locked-out page says so).
    "axes.accessattempt": {"view": {"secretary", "administrator"}, "delete": {"secretary", "administrator"}},
    "axes.accesslog": {},
    "axes.accessfailurelog": {},
    "campaigns.campaign": {"view": SEES_ORGANISATION, "add": CONFIGURES, "delete": CONFIGURES},
    # Criteria are added and changed on their campaign's page; this list is for import and export.
    "criteria.criterion": {
        "view": SEES_ORGANISATION,
        "add": set(),
        "change": set(),
        "delete": CONFIGURES,
        "import": CONFIGURES,
    },
    "criteria.councilmember": {"view": SEES_ORGANISATION, "add": CONFIGURES, "delete": CONFIGURES},
    "submissions.entry": {"view": {"secretary", "leader", "administrator"}, "add": set(), "delete": set()},
    "submissions.personaldeadline": {"view": {"secretary", "administrator"}, "add": CONFIGURES, "change": set()},
    # A member's list holds their own assignments only: someone else's is "not found" (302) for them.
    "submissions.assignment": {
        "view": {"council_member", "conflicted_member", "secretary"},
        "add": CONFIGURES,
        "change": set(),
        "objects": {"secretary", "administrator"},  # the secretariat's list holds everyone's
    },
    "submissions.scorechange": {"view": {"secretary", "leader"}, "add": set(), "change": set(), "delete": set()},
    "awards.nomineelist": {"view": {"secretary", "leader", "administrator"}, "add": set(), "change": set()},
    # The registration desk: the secretary registers on someone's behalf; nobody deletes a registration.
    "registrations.registration": {"view": SEES_ORGANISATION, "add": CONFIGURES},
    "registrations.personregistrant": {"view": SEES_ORGANISATION, "add": set(), "change": set()},
    "registrations.unitregistrant": {"view": SEES_ORGANISATION, "add": set(), "change": set()},
    # The award register: the secretary imports earlier years and records recognised initiatives.
    "honours.registerentry": {"view": SEES_ORGANISATION, "add": CONFIGURES},
    "honours.recognisedinitiative": {"view": SEES_ORGANISATION, "add": CONFIGURES},
    # The secretary opens a ballot here; votes and the record of who voted have no admin at all.
    "ballots.ballot": {"view": SEES_ORGANISATION, "add": CONFIGURES, "change": set()},
}
# Those who may change also see; whoever may add may change unless the model says otherwise.
for actions in MODELS.values():
    actions.setdefault("add", set())
    actions.setdefault("change", actions["add"])
    actions.setdefault("delete", set())
    actions.setdefault("import", actions["add"])
    actions["view"] = actions.get("view", set()) | actions["change"]


def admin_status(allowed: set, persona: str, *, refused=403) -> int:
    """Admin pages: non-admin users go to the admin sign-in, admin users without the right are refused."""
    if persona == "anonymous" or persona not in ADMIN_SITE:
        return 302
    return 200 if persona in allowed else refused


# Admin URLs that are not one of a model's standard pages: name -> expected status per persona.
ADMIN_SPECIAL = {
    "admin:index": lambda p: admin_status(ADMIN_SITE, p),
    "admin:login": lambda p: 302 if p in ADMIN_SITE else 200,
    "admin:logout": lambda p: 405 if p in ADMIN_SITE else 302,
    "admin:password_change": lambda p: admin_status(ADMIN_SITE, p),
    "admin:password_change_done": lambda p: admin_status(ADMIN_SITE, p),
    "admin:jsi18n": lambda p: admin_status(ADMIN_SITE, p),
    # Without a model and field to complete, the autocomplete answers nobody.
    "admin:autocomplete": lambda p: admin_status(set(), p),
    "admin:app_list": lambda p: admin_status(SEES_ORGANISATION, p, refused=404),
    "admin:view_on_site": None,  # linked from no admin page: no model has get_absolute_url (test_admin_urls)
    "admin:submissions_assignment_score": lambda p: admin_status(set(), p, refused=404),  # someone else's
    "admin:submissions_assignment_progress": lambda p: admin_status({"secretary", "administrator"}, p),
    "admin:submissions_assignment_auto": lambda p: admin_status({"secretary"}, p),
    "admin:campaigns_campaign_clone": lambda p: admin_status(CONFIGURES, p),
    "admin:auth_user_password_change": lambda p: admin_status(MODELS["auth.user"]["change"], p),
    "admin:honours_registerentry_template": lambda p: admin_status(CONFIGURES, p),
}
# A model page: the suffix of its URL name -> the action it needs.
PAGE_ACTIONS = {
    "changelist": "view",
    "add": "add",
    "change": "view",
    "history": "view",
    "delete": "delete",
    "import": "import",
    "process_import": "import",
    "export": "view",
}
OBJECT_PAGES = {"change", "history", "delete"}


def admin_url_names() -> list[str]:
    return [r.name for r in routes() if r.namespace == "admin" and r.name]


def model_page(name: str) -> tuple[str, str] | None:
    """("app.model", page) for a model's standard admin page, else None."""
    for label in MODELS:
        prefix = "admin:" + label.replace(".", "_") + "_"
        if name.startswith(prefix) and name[len(prefix) :] in PAGE_ACTIONS:
            return label, name[len(prefix) :]
    return None


def admin_expectation(name: str) -> dict[str, int]:
    if name in ADMIN_SPECIAL:
        return {persona: ADMIN_SPECIAL[name](persona) for persona in PERSONAS}
    label, page = model_page(name)
    spec = MODELS[label]
    allowed = spec[PAGE_ACTIONS[page]]
    expected = {}
    for persona in PERSONAS:
        reaches = persona in spec.get("objects", ADMIN_SITE)  # someone else's object is in their list
        if page == "process_import":  # the import's second step takes only POST
            expected[persona] = 405 if persona in ADMIN_SITE else 302
        elif page in OBJECT_PAGES and not reaches and (page == "history" or persona in allowed):
            expected[persona] = 302 if persona in ADMIN_SITE else admin_status(allowed, persona)
        else:
            expected[persona] = admin_status(allowed, persona)
    return expected


def front_url_names() -> set[str]:
    return {r.name for r in routes() if r.namespace != "admin" and r.name}


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
    open_campaign = CampaignFactory(
        agency=agency,
        requires_registration=True,
        registration_opens_at=datetime(2022, 4, 21, tzinfo=VIETNAM),
        registration_closes_at=datetime(2022, 12, 31, 23, 59, 59, tzinfo=VIETNAM),
    )
    ReformAreaFactory(campaign=open_campaign)
    closed = CampaignFactory(agency=agency, status=CampaignStatus.CLOSED)
    for persona in ("council_member", "conflicted_member"):
        CouncilMember.objects.create(campaign=open_campaign, person=people[persona])
        CouncilMember.objects.create(campaign=closed, person=people[persona])
    owner = PersonFactory(unit=unit_b, user=UserFactory(username="owner"))
    entry = EntryFactory(campaign=open_campaign, person=owner, status="submitted")
    draft_list = NomineeList.objects.create(campaign=closed, version=1, fingerprint="0" * 64, compiled_by="test")
    ballot = Ballot.objects.create(
        nominee_list=draft_list,
        meeting_date=DURING.date(),
        place="Phòng họp",
        council_size=3,
        opened_by=people["secretary"].user,
    )
    # Another closed campaign whose list was approved, one of its nominees proposed to the higher authority.
    approved_list = NomineeList.objects.create(
        campaign=CampaignFactory(agency=agency, status=CampaignStatus.CLOSED),
        version=1,
        fingerprint="1" * 64,
        compiled_by="test",
        status=ListStatus.APPROVED,
        decision_number="1/QĐ-X",
        decision_date=date(2023, 1, 5),
        signer="Người Ký",
        signer_title="Trưởng ban",
    )
    higher = AwardForm.objects.create(
        campaign=approved_list.campaign, name="Bằng khen", recipient_kind="individual", deciding_level="higher"
    )
    Nominee.objects.create(
        nominee_list=approved_list,
        kind="individual",
        person=people["staff"],
        award_form=higher,
        position=1,
        rank=1,
        score=70,
        summary="70 điểm",
    )
    # Someone else's council seat, assignment and score history; someone else's extension.
    other = CouncilMember.objects.create(campaign=open_campaign, person=PersonFactory(unit=unit_b))
    assignment = Assignment.objects.create(entry=entry, member=other, assigned_by=people["secretary"].user)
    criterion = Criterion.objects.create(campaign=closed, code="TC1", name="Hiệu quả", max_points=100)
    change = ScoreChange.objects.create(
        entry=entry, criterion=criterion, member=other, new_points=50, changed_by=UserFactory(username="other")
    )
    # The members who must score the entry: the one in unit A may open its evidence, the conflicted one not.
    for persona in ("council_member", "conflicted_member"):
        seat = CouncilMember.objects.get(campaign=open_campaign, person=people[persona])
        Assignment.objects.create(entry=entry, member=seat, assigned_by=people["secretary"].user)
    # The owner's entry of the closed campaign, scored in full by three members, one of whom is conflicted.
    scored = EntryFactory(campaign=closed, person=owner, status="submitted")
    third = CouncilMember.objects.create(campaign=closed, person=PersonFactory(unit=unit_a, full_name=THIRD_SCORER))
    for seat in [*CouncilMember.objects.filter(campaign=closed, person__in=people.values()), third]:
        Assignment.objects.create(entry=scored, member=seat, assigned_by=people["secretary"].user, completed_at=DURING)
        Score.objects.create(entry=scored, criterion=criterion, member=seat, points=70)
        ScoreChange.objects.create(
            entry=scored, criterion=criterion, member=seat, new_points=70, changed_by=people["secretary"].user
        )
    extension = PersonalDeadline.objects.create(
        campaign=open_campaign, person=owner, closes_at=open_campaign.closes_at, granted_by=people["secretary"].user
    )
    access = {"ip_address": "10.0.0.9", "username": "owner", "user_agent": "test"}
    objects = {
        "campaigns.agency": agency,
        "campaigns.unit": unit_b,
        "campaigns.person": owner,
        "auth.user": owner.user,
        "auth.group": Group.objects.first(),
        "axes.accessattempt": AccessAttempt.objects.create(**access, failures_since_start=1),
        "axes.accesslog": AccessLog.objects.create(**access),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**access),
        "campaigns.campaign": closed,
        "criteria.criterion": criterion,
        "criteria.councilmember": other,
        "submissions.entry": entry,
        "submissions.personaldeadline": extension,
        "submissions.assignment": assignment,
        "submissions.scorechange": change,
        "awards.nomineelist": draft_list,
        "registrations.registration": Registration.objects.create(
            campaign=open_campaign, person=owner, commitments="Hoàn thành xuất sắc", registered_by=owner.user
        ),
        "registrations.personregistrant": owner,
        "registrations.unitregistrant": unit_b,
        "honours.registerentry": RegisterEntry.objects.create(
            person=owner,
            year=2021,
            title="Lao động tiên tiến",
            decision_number="12/QĐ-BDT",
            decision_date=date(2021, 12, 20),
            source=RegisterSource.IMPORTED,
        ),
        "honours.recognisedinitiative": RecognisedInitiative.objects.create(
            entry=entry,
            scope=InitiativeScope.BASE,
            decision_number="30/QĐ-HĐSK",
            decision_date=date(2022, 9, 1),
            recognised_by=people["secretary"].user,
        ),
        "ballots.ballot": ballot,
    }
    return {
        "objects": objects,
        "open": open_campaign,
        "closed": closed,
        "entry": entry,
        "attachment": AttachmentFactory(entry=entry),
        "owner": owner,
        "draft_list": draft_list,
        "ballot": ballot,
        "approved_list": approved_list,
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


@pytest.mark.parametrize("name", sorted(NAMES_SHOWN))
def test_scorers_names_show_to_each_persona_as_declared(client, world, name):
    """Every persona who opens the page sees the entry's statistics; only the declared ones a scorer's name."""
    args, statuses = FRONT[name]
    url = reverse(name, args=args(world))
    opening = [persona for persona in PERSONAS if statuses[persona] == 200]
    pages = {}
    for persona in opening:
        client.force_login(UserFactory(username=persona))
        pages[persona] = client.get(url).content.decode()

    assert {p for p in opening if THIRD_SCORER in pages[p]} == NAMES_SHOWN[name]
    assert all('<td class="text-end">70</td>' in page for page in pages.values())  # the mean, for everyone


def test_every_admin_url_has_a_declared_rule():
    undeclared = [name for name in admin_url_names() if name not in ADMIN_SPECIAL and model_page(name) is None]
    assert undeclared == []
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    assert registered == set(MODELS)


def admin_url(name: str, world) -> str:
    if name == "admin:app_list":
        return reverse(name, args=["campaigns"])
    if name == "admin:submissions_assignment_score":
        return reverse(name, args=[world["objects"]["submissions.assignment"].pk])
    if name == "admin:campaigns_campaign_clone":
        return reverse(name, args=[world["closed"].pk])
    if name == "admin:auth_user_password_change":
        return reverse(name, args=[world["owner"].user.pk])
    found = model_page(name)
    if found and found[1] in OBJECT_PAGES:
        return reverse(name, args=[world["objects"][found[0]].pk])
    return reverse(name)


@pytest.mark.parametrize("name", sorted(n for n in admin_url_names() if ADMIN_SPECIAL.get(n, True)))
def test_admin_pages_answer_each_persona_as_declared(client, world, name):
    url = admin_url(name, world)
    assert {persona: _get(client, persona, url) for persona in PERSONAS} == admin_expectation(name)


@pytest.mark.parametrize("role", Role.values)
def test_each_role_groups_permissions_are_what_the_rules_grant(db, role):
    """The rules decide (campaigns.permissions); the role groups' permissions in the database, which
    the data migrations granted and the admin's group page shows, say exactly the same."""
    user = UserFactory()
    set_roles(user=user, roles={role})
    every = Permission.objects.select_related("content_type")
    names = {f"{p.content_type.app_label}.{p.codename}" for p in every}
    in_database = {f"{p.content_type.app_label}.{p.codename}" for p in every.filter(group__name=GROUP_NAMES[role])}

    assert {name for name in names if rules.has_perm(name, user)} == in_database
    assert {name for name in names if user.has_perm(name)} == in_database


def test_a_permission_given_by_hand_grants_nothing_beyond_the_rules(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_agency"))
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.LEADER]))
    user = type(user).objects.get(pk=user.pk)

    assert (user.has_perm("campaigns.add_agency"), user.has_perm("campaigns.view_agency")) == (False, True)

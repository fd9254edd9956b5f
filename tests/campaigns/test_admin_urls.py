"""The admin uses Django's own URLs (database keys), guarded by permissions (issue 15, item 6).

Who reaches which admin page is proved for every URL and persona by tests/test_permission_matrix.py;
here: the guard on an entry's page, links written before the keys came back, and the related-object
buttons beside a choice, which follow the same permissions.
"""

import re

import lxml.html
import pytest
from django.contrib import admin
from django.urls import reverse

from campaigns.enums import Role
from common.admin_base import ProjectAdmin
from submissions.enums import EntryStatus
from tests.factories import AssignmentFactory, CampaignFactory, EntryFactory
from tests.urlconf import routes

PROJECT_APPS = (
    "common.",
    "campaigns.",
    "criteria.",
    "registrations.",
    "submissions.",
    "awards.",
    "honours.",
    "ballots.",
)
KEY_IN_ROUTE = re.compile(r"<(?:[a-z]+:)?[a-z_]+>")
OLD_CODES = ["Xk7pQ2mL", "bR4t0Zq9WcY2nHs7LpQ1"]  # what the retired admin codes looked like (8–20 characters)


def test_every_admin_and_inline_of_the_project_starts_with_the_project_mixin():
    """So every choice shows its label and every decimal is typed as text, on every admin page."""
    registry = admin.site._registry
    ours = [a for a in registry.values() if type(a).__module__.startswith(PROJECT_APPS)]
    others = sorted(m._meta.label for m, a in registry.items() if a not in ours)
    assert others == ["axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"]  # role groups: ours
    for model_admin in ours:
        assert isinstance(model_admin, ProjectAdmin), model_admin
        for inline in model_admin.inlines:
            assert issubclass(inline, ProjectAdmin), inline


def test_no_model_links_to_the_site_through_view_on_site():
    # The permission matrix leaves the admin's view-on-site shortcut out: no admin page links to it.
    assert [m for m in admin.site._registry if hasattr(m, "get_absolute_url")] == []


@pytest.fixture
def secretary_client(client, make_user):
    client.force_login(make_user("thuky-urls", Role.SECRETARY))
    return client


def test_the_secretary_reaches_an_entry_by_its_key_and_a_council_member_is_refused(secretary_client, make_user):
    entry = EntryFactory(status=EntryStatus.SUBMITTED)
    change = reverse("admin:submissions_entry_change", args=[entry.pk])
    listing = secretary_client.get(reverse("admin:submissions_entry_changelist"))
    links = lxml.html.fromstring(listing.content.decode()).xpath("//table[@id='result_list']/tbody//a/@href")

    opened = secretary_client.get(change)
    secretary_client.force_login(make_user("hoidong-urls", Role.COUNCIL_MEMBER))
    refused = secretary_client.get(change)

    assert links == [change]
    assert change == f"/quan-tri/submissions/entry/{entry.pk}/change/"
    assert (opened.status_code, refused.status_code) == (200, 403)


def test_an_old_coded_admin_link_answers_a_redirect_or_a_refusal_never_an_error(client, make_user):
    user = make_user("quantri-urls", Role.SECRETARY)
    user.is_superuser = True  # past every permission check, so the key itself is read
    user.save()
    client.force_login(user)
    keyed = [r.route for r in routes() if r.namespace == "admin" and KEY_IN_ROUTE.search(r.route)]
    assert len(keyed) > 40  # change, delete and history of every model, the scoring form, the clone

    answers = {
        (route, code): client.get("/" + KEY_IN_ROUTE.sub(code, route)).status_code
        for route in keyed
        for code in OLD_CODES
    }

    # 403 only on the delete pages of records nobody deletes (entries, extensions, nominee lists,
    # registrations and the registration desk's lists, ballots).
    assert {key: status for key, status in answers.items() if status not in (301, 302, 403, 404)} == {}
    assert {route for (route, _code), status in answers.items() if status == 403} == {
        f"quan-tri/{model}/<path:object_id>/delete/"
        for model in (
            "submissions/entry",
            "submissions/personaldeadline",
            "submissions/scorechange",
            "awards/nomineelist",
            "registrations/registration",
            "registrations/personregistrant",
            "registrations/unitregistrant",
            "ballots/ballot",
        )
    }


@pytest.mark.parametrize(
    ("name", "parameter"),
    [
        ("admin:submissions_entry_changelist", "campaign__id__exact"),
        ("admin:submissions_assignment_changelist", "member__campaign__id__exact"),
        ("admin:submissions_assignment_changelist", "thanh_vien"),
    ],
)
def test_an_old_coded_filter_answers_the_admins_wrong_filter_page(secretary_client, name, parameter):
    AssignmentFactory.create_batch(2)  # two campaigns and two members: every filter is shown
    response = secretary_client.get(reverse(name), {parameter: OLD_CODES[0]})

    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_filters_by_a_related_object_name_it_by_its_key(secretary_client):
    first = EntryFactory(status=EntryStatus.SUBMITTED)
    EntryFactory(status=EntryStatus.SUBMITTED)  # in another campaign
    listing = secretary_client.get(reverse("admin:submissions_entry_changelist"))
    filters = lxml.html.fromstring(listing.content.decode()).xpath("//nav[@id='changelist-filter']//a/@href")
    by_campaign = f"?campaign__id__exact={first.campaign.pk}"

    filtered = secretary_client.get(reverse("admin:submissions_entry_changelist") + by_campaign)

    assert by_campaign in filters
    assert [entry.pk for entry in filtered.context["cl"].result_list] == [first.pk]


def related_links(response, field: str) -> list[str]:
    """The related-object buttons beside a choice on an admin form: change, add, delete, view."""
    page = lxml.html.fromstring(response.content.decode())
    ids = page.xpath("//a[contains(@class, 'related-widget-wrapper-link')]/@id")
    return sorted(i.removesuffix(f"_id_{field}") for i in ids if i.endswith(f"_id_{field}"))


def test_the_related_object_buttons_follow_the_permissions_on_the_related_model(secretary_client):
    CampaignFactory()
    AssignmentFactory()

    extension = secretary_client.get(reverse("admin:submissions_personaldeadline_add"))
    assignment = secretary_client.get(reverse("admin:submissions_assignment_add"))

    # The secretary sets campaigns up and deletes them: every button beside the campaign.
    assert related_links(extension, "campaign") == ["add", "change", "delete", "view"]
    # Entries are written by their authors and never deleted: the secretary corrects the chosen one.
    assert related_links(assignment, "entry") == ["change", "view"]

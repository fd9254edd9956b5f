"""No sequential ids in admin URLs: every object key is written as a code and read back from it."""

import re

import lxml.html
import pytest
from django.contrib import admin
from django.urls import reverse

from campaigns.admin_ids import AdminIdConverter, OpaqueIdAdmin, decode, encode
from campaigns.enums import Role
from submissions.enums import EntryStatus
from tests.factories import EntryFactory
from tests.urlconf import routes

RAW_KEY = re.compile(r"<(?:int|path|str):[a-z_]+>|<(?:object_id|pk|id)>")


def test_every_admin_and_inline_writes_codes_not_keys():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, OpaqueIdAdmin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, OpaqueIdAdmin), inline


def test_no_admin_route_takes_a_raw_key():
    admin_routes = [r for r in routes() if r.namespace == "admin"]
    keyed = [r.route for r in admin_routes if "<adminid:" in r.route]
    assert len(keyed) > 40  # change, delete and history of every model, plus the scoring form
    # Only the site's own view-on-site shortcut still takes keys; it is linked only for models with a
    # get_absolute_url, and none has one (a model that gets one must not link through it).
    raw = [r.route for r in admin_routes if RAW_KEY.search(r.route) and r.name != "admin:view_on_site"]
    assert raw == []
    assert [m for m in admin.site._registry if hasattr(m, "get_absolute_url")] == []


@pytest.mark.parametrize("key", [1, 2, 41, 10_000_000, 2**53])
def test_codes_round_trip(key):
    code = encode(key)
    assert decode(code) == key and 8 <= len(code) <= 20


def test_codes_of_consecutive_keys_do_not_read_as_a_sequence():
    codes = [encode(key) for key in range(1, 101)]
    assert len(set(codes)) == 100
    assert sorted(codes) != codes  # their order says nothing of the keys' order


def test_a_code_that_is_not_one_key_is_no_match():
    from django.conf import settings

    from campaigns.admin_ids import _codec

    converter = AdminIdConverter()
    two_keys = _codec(settings.SECRET_KEY).encode([1, 2])  # valid Sqids, but not one key
    for code in (two_keys, "abc", encode(7)[:-1] + "!"):
        with pytest.raises(ValueError):
            converter.to_python(code)
    with pytest.raises(ValueError):
        converter.to_url("__fk__")
    assert decode(encode(7) * 50) is None and decode("") is None


@pytest.fixture
def secretary_client(client, make_user):
    client.force_login(make_user("thuky-ids", Role.SECRETARY))
    return client


def test_secretary_reaches_an_entry_by_its_code_and_never_by_its_key(secretary_client):
    entry = EntryFactory(status=EntryStatus.SUBMITTED)
    listing = secretary_client.get(reverse("admin:submissions_entry_changelist"))
    links = lxml.html.fromstring(listing.content.decode()).xpath("//table[@id='result_list']//a/@href")
    change = reverse("admin:submissions_entry_change", args=[entry.pk])
    assert change in links
    assert f"/{entry.pk}/" not in change
    assert secretary_client.get(change).status_code == 200
    assert secretary_client.get(f"/quan-tri/submissions/entry/{entry.pk}/change/").status_code == 404
    tampered = change.replace(encode(entry.pk), encode(entry.pk)[::-1])
    assert secretary_client.get(tampered).status_code == 404


def test_filters_by_a_related_object_name_it_by_its_code(secretary_client):
    first = EntryFactory(status=EntryStatus.SUBMITTED)
    EntryFactory(status=EntryStatus.SUBMITTED)  # in another campaign
    listing = secretary_client.get(reverse("admin:submissions_entry_changelist"))
    filters = lxml.html.fromstring(listing.content.decode()).xpath("//nav[@id='changelist-filter']//a/@href")
    assert not [href for href in filters if re.search(r"__exact=\d+(&|$)", href)]
    by_campaign = f"?campaign__id__exact={encode(first.campaign.pk)}"
    assert by_campaign in filters

    filtered = secretary_client.get(reverse("admin:submissions_entry_changelist") + by_campaign)
    raw = secretary_client.get(
        reverse("admin:submissions_entry_changelist") + f"?campaign__id__exact={first.campaign.pk}"
    )

    assert [entry.pk for entry in filtered.context["cl"].result_list] == [first.pk]
    assert raw.status_code == 302 and raw["Location"].endswith("?e=1")  # the admin's "wrong filter" page

"""Nobody, the administrator included, can read who voted how: the database holds no link between
the record of who voted (``Voter``) and the votes (``Vote``) — no column, no order of keys, no
moment — and no admin page or permission reads a vote."""

import uuid

import pytest
import rules
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection

from ballots.models import Vote, Voter

pytestmark = pytest.mark.django_db


def columns(model) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}


def test_a_vote_row_names_its_ballot_nominee_and_choice_only():
    assert columns(Vote) == {"id", "ballot_id", "nominee_id", "in_favour"}
    assert {f.related_model._meta.label for f in Vote._meta.concrete_fields if f.is_relation} == {
        "ballots.Ballot",
        "awards.Nominee",
    }


def test_the_record_of_who_voted_has_no_moment_and_no_vote():
    assert columns(Voter) == {"id", "ballot_id", "member_id", "has_voted", "on_paper"}


def test_no_table_points_at_a_vote():
    pointing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is Vote
    ]
    assert pointing == []


def test_votes_carry_random_keys_that_keep_no_order(ballot_world):
    """Random version-4 UUIDs, no sequence and no timestamp: the keys cannot be put in the order the
    votes were cast to be joined with the voters; a member's votes are inserted shuffled."""
    ballot = ballot_world.open()
    ballot_world.vote(ballot, 1, an=True, binh=False)
    ballot_world.vote(ballot, 2, an=False, binh=True)
    keys = list(Vote.objects.values_list("pk", flat=True))

    assert {key.version for key in keys} == {4}
    assert (Vote._meta.pk.get_internal_type(), Vote._meta.pk.default) == ("UUIDField", uuid.uuid4)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence('ballots_vote', 'id')")
            assert cursor.fetchone() == (None,)


def test_no_admin_page_and_no_permission_reads_a_vote(ballot_world):
    users = [ballot_world.secretary, *ballot_world.users]
    names = [f"ballots.{p.codename}" for p in Permission.objects.filter(content_type__app_label="ballots")]
    vote_permissions = [name for name in names if name.endswith("_vote") or name.endswith("_voter")]

    assert (Vote in admin.site._registry, Voter in admin.site._registry) == (False, False)
    assert [(u.username, n) for u in users for n in vote_permissions if rules.has_perm(n, u)] == []

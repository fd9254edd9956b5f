import pytest
import rules
from django.contrib.auth.models import Group

from campaigns.backends import RoleAwareBackend
from campaigns.enums import Role
from campaigns.permissions import roles_of
from campaigns.roles import GROUP_NAMES
from campaigns.services import set_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_migrations_create_one_group_per_role():
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(GROUP_NAMES.values())


def test_secretary_group_may_maintain_units_and_people_but_not_accounts():
    codenames = set(Group.objects.get(name=GROUP_NAMES[Role.SECRETARY]).permissions.values_list("codename", flat=True))
    assert {"add_unit", "change_unit", "add_person", "change_person"} <= codenames
    assert "change_user" not in codenames


def test_staff_group_has_no_admin_permissions():
    assert list(Group.objects.get(name=GROUP_NAMES[Role.STAFF]).permissions.all()) == []


def test_admin_site_roles_get_staff_flag_and_lose_it_with_the_role():
    user = UserFactory()
    set_roles(user=user, roles={Role.COUNCIL_MEMBER})
    user.refresh_from_db()
    assert user.is_staff is True

    set_roles(user=user, roles={Role.STAFF})
    user.refresh_from_db()
    assert user.is_staff is False
    assert roles_of(user) == {Role.STAFF}


def test_unknown_role_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        set_roles(user=UserFactory(), roles={"emperor"})


def test_the_signed_in_user_comes_with_their_role_groups_and_the_rules_read_nothing_more(
    django_assert_num_queries,
):
    user = UserFactory(is_superuser=True)
    set_roles(user=user, roles={Role.LEADER, Role.STAFF})

    with django_assert_num_queries(2):  # the user and their groups, prefetched (issue 15, item 6)
        loaded = RoleAwareBackend().get_user(user.pk)
        roles = roles_of(loaded)
        answers = [rules.has_perm(name, loaded) for name in ("campaigns.view_unit", "campaigns.add_agency")]

    assert (roles, answers) == ({Role.LEADER, Role.STAFF, Role.ADMINISTRATOR}, [True, True])


def test_a_role_taken_away_is_gone_on_the_next_request():
    user = UserFactory()
    set_roles(user=user, roles={Role.LEADER})
    set_roles(user=user, roles={Role.STAFF})

    assert roles_of(RoleAwareBackend().get_user(user.pk)) == {Role.STAFF}

import pytest

from campaigns.services import set_roles
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def make_user(db):
    """A user with the given roles and, unless told otherwise, a person record in a unit."""

    def make(username, *roles, person=True, **person_fields):
        user = UserFactory(username=username)
        set_roles(user=user, roles=set(roles))
        if person:
            PersonFactory(user=user, full_name=person_fields.pop("full_name", username.title()), **person_fields)
        return user

    return make


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the ranking cache is keyed on data that tests reuse)."""
    from django.core.cache import cache

    cache.clear()
    yield

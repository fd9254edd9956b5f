import pytest

from campaigns.services import set_roles
from tests.factories import PersonFactory, UserFactory


def pytest_collection_modifyitems(items):
    """Transactional tests put back what the migrations wrote before them.

    A transactional test ends by emptying every table; the role groups and their permissions come
    from data migrations, so without this the tests after it would run with roles that grant
    nothing. With serialized rollback each one starts from the migrated database instead.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        if (marker and marker.kwargs.get("transaction")) or fixtures & {"transactional_db", "live_server"}:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)


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
def media_root(settings, tmp_path):
    """Each test stores evidence in its own directory, so the files it leaves can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (the ranking cache is keyed on data that tests reuse)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield

"""Small predicates on what a user may do; views and templates ask these, never the groups."""

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from campaigns.enums import Role
from campaigns.roles import GROUP_NAMES


def _holds(role: str) -> str:
    return f"holds_role_{role}"


def with_roles(users):
    """Users annotated with the role groups they are in, so ``roles_of`` reads them without a query."""
    return users.annotate(
        **{
            _holds(role): Exists(Group.objects.filter(user=OuterRef("pk"), name=name))
            for role, name in GROUP_NAMES.items()
        }
    )


def group_roles(user) -> set[str]:
    """The roles given to a user through the role groups (one query, none if loaded ``with_roles``)."""
    if hasattr(user, _holds(Role.STAFF)):
        return {role for role in GROUP_NAMES if getattr(user, _holds(role))}
    names = {group.name for group in user.groups.all()}
    return {role for role, name in GROUP_NAMES.items() if name in names}


def roles_of(user) -> set[str]:
    """The roles a user holds (a superuser is also an administrator), cached on the user object."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = group_roles(user) | ({Role.ADMINISTRATOR} if user.is_superuser else set())
        user._roles_cache = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def on_council_side(user) -> bool:
    """Leaders, the secretariat and council members: they see rankings and draft award lists."""
    return has_role(user, Role.LEADER, Role.SECRETARY, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR)

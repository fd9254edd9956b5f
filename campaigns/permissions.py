"""Small predicates on what a user may do; views and templates ask these, never the groups."""

from campaigns.enums import Role
from campaigns.roles import GROUP_NAMES


def group_roles(user) -> set[str]:
    """The roles given to a user through the role groups (one query)."""
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

"""Small predicates on what a user may do; views and templates ask these, never the groups."""

from django.contrib.auth.models import Group
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL

from campaigns.enums import Role
from campaigns.roles import GROUP_NAMES

ROLE_BITS = {role: 1 << index for index, role in enumerate(GROUP_NAMES)}


def with_roles(users):
    """Users annotated with the role groups they are in, as bits of ``role_bits`` (one small
    subquery: cheaper to build than an ``Exists`` per role), so ``roles_of`` needs no query."""
    model = users.model
    whens = " ".join(f"WHEN %s THEN {bit}" for bit in ROLE_BITS.values())
    bits = RawSQL(
        f"""SELECT COALESCE(SUM(CASE g.name {whens} ELSE 0 END), 0)
            FROM {model.groups.through._meta.db_table} ug JOIN {Group._meta.db_table} g ON g.id = ug.group_id
            WHERE ug.user_id = {model._meta.db_table}.{model._meta.pk.column}""",
        [GROUP_NAMES[role] for role in ROLE_BITS],
        output_field=IntegerField(),
    )
    return users.annotate(role_bits=bits)


def group_roles(user) -> set[str]:
    """The roles given to a user through the role groups (one query, none if loaded ``with_roles``)."""
    if hasattr(user, "role_bits"):
        return {role for role, bit in ROLE_BITS.items() if user.role_bits & bit}
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


# Accounts (issue 13, item 1). The administrator role manages ordinary accounts only: a superuser
# alone edits a superuser or another administrator, grants ``is_superuser`` or the administrator
# role; nobody changes their own roles. Enforced in campaigns/admin.py (AccountAdmin) and
# campaigns/resources.py (AccountResource, the Excel import).


def may_manage_account(actor, account) -> bool:
    """Whether ``actor`` may edit ``account`` at all (its name, address, roles and password)."""
    if actor.is_superuser:
        return True
    if account.is_superuser or Role.ADMINISTRATOR in group_roles(account):
        return False
    return has_role(actor, Role.ADMINISTRATOR)


def may_change_roles_of(actor, account) -> bool:
    """Roles (groups, permissions, superuser and staff flags) are never changed by their holder."""
    return account.pk != actor.pk and may_manage_account(actor, account)


def grantable_roles(actor) -> set[str]:
    """The roles ``actor`` may give to an account they manage."""
    if actor.is_superuser:
        return set(Role.values)
    return set(Role.values) - {Role.ADMINISTRATOR}


def may_invite_accounts(user) -> bool:
    """The secretariat and administrators mail set-password invitations (issue 13, item 7)."""
    return has_role(user, Role.SECRETARY, Role.ADMINISTRATOR)

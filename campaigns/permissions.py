"""Who may do what: named predicates (the ``rules`` package, as pretalx uses it) and the
permissions built from them.

One rule per permission, written once here or in the ``permissions.py`` of the app that owns the
model or the page. Front views ask ``user.has_perm(name, obj)``, templates ``perms``, and the admin
its usual ``has_*_permission`` (Django's ``app.action_model`` names): ``rules``'
``ObjectPermissionBackend`` answers them all from this table. The model backend only signs in and
loads the user with their role groups (``campaigns.backends``); the role groups' permissions in the
database, granted by the data migrations, grant nothing of their own and are held equal to these
rules by a test (tests/test_permission_matrix.py), so the admin's group page tells the truth.

Django lets an active superuser pass every ``has_perm``. A rule about the person rather than their
power (the author of an entry, the leader who approves, the scorers' names under blind scoring) is
therefore asked through its predicate, which a superuser passes only as an administrator.
"""

import rules

from campaigns.enums import Role
from campaigns.roles import GROUP_NAMES


def roles_of(user) -> set[str]:
    """The roles a user holds (a superuser is also an administrator), cached on the user object.

    Read from the role groups, which the backend loads with the signed-in user (no query then)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = group_roles(user) | ({Role.ADMINISTRATOR} if user.is_superuser else set())
        user._roles_cache = cached
    return cached


def group_roles(user) -> set[str]:
    """The roles given to a user through the role groups (one query unless the groups are prefetched)."""
    names = {group.name for group in user.groups.all()}
    return {role for role, name in GROUP_NAMES.items() if name in names}


def holds(role: str) -> rules.Predicate:
    """The predicate "the user holds ``role``"."""
    return rules.predicate(lambda user: role in roles_of(user), name=f"holds_{role}")


is_staff_member = holds(Role.STAFF)
is_unit_head = holds(Role.UNIT_HEAD)
is_council_member = holds(Role.COUNCIL_MEMBER)
is_secretary = holds(Role.SECRETARY)
is_leader = holds(Role.LEADER)
is_administrator = holds(Role.ADMINISTRATOR)

is_secretariat = is_secretary | is_administrator
# Leaders, the secretariat and council members: they see rankings and draft award lists.
on_council_side = is_leader | is_secretary | is_council_member | is_administrator
sees_organisation = is_secretary | is_leader | is_administrator


def grant(model: str, **actions: rules.Predicate) -> None:
    """Register the admin's permissions on one model, ``grant("campaigns.unit", view=..., add=...)``
    giving ``campaigns.view_unit`` and ``campaigns.add_unit``. The app's own permission (Django's
    ``has_module_perms``, which shows the app in the admin) holds for whoever has one of them."""
    app_label, model_name = model.split(".")
    for action, predicate in actions.items():
        rules.add_perm(f"{app_label}.{action}_{model_name}", predicate)
    joined = rules.permissions.permissions.get(app_label, rules.always_deny)
    for predicate in actions.values():
        joined = joined | predicate
    rules.set_perm(app_label, joined)


# The organisation: the secretariat keeps units and people, administrators agencies and deletions.
grant("campaigns.agency", view=sees_organisation, add=is_administrator, change=is_administrator)
for _model in ("campaigns.unit", "campaigns.person"):
    grant(_model, view=sees_organisation, add=is_secretariat, change=is_secretariat, delete=is_administrator)
# Campaigns and their reform areas are set up by the secretary.
for _model in ("campaigns.campaign", "campaigns.reformarea"):
    grant(_model, view=sees_organisation, add=is_secretary, change=is_secretary, delete=is_secretary)
# Accounts: the secretariat sees them to invite them; administrators manage them (the account rules
# below narrow it to ordinary accounts). Unlocking a sign-in is deleting its attempt (issue 13, item 7).
grant("auth.user", view=is_secretariat, add=is_administrator, change=is_administrator)
grant("auth.group", view=is_administrator)
grant("axes.accessattempt", view=is_secretariat, delete=is_secretariat)


# Accounts (issue 13, item 1). The administrator role manages ordinary accounts only: a superuser
# alone edits a superuser or another administrator, grants ``is_superuser`` or the administrator
# role; nobody changes their own roles. Enforced in campaigns/admin.py (AccountAdmin) and
# campaigns/resources.py (AccountResource, the Excel import).


@rules.predicate
def may_manage_account(actor, account) -> bool:
    """Whether ``actor`` may edit ``account`` at all (its name, address, roles and password)."""
    if actor.is_superuser:
        return True
    if account.is_superuser or Role.ADMINISTRATOR in group_roles(account):
        return False
    return is_administrator(actor)


@rules.predicate
def may_change_roles_of(actor, account) -> bool:
    """Roles (groups, permissions, superuser and staff flags) are never changed by their holder."""
    return account.pk != actor.pk and may_manage_account(actor, account)


def grantable_roles(actor) -> set[str]:
    """The roles ``actor`` may give to an account they manage."""
    if actor.is_superuser:
        return set(Role.values)
    return set(Role.values) - {Role.ADMINISTRATOR}


# The secretariat and administrators mail set-password invitations (issue 13, item 7).
may_invite_accounts = is_secretariat
rules.add_perm("auth.invite_user", may_invite_accounts)

"""Writes for agencies, units, people and accounts."""

import logging

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from campaigns.enums import ADMIN_SITE_ROLES, Role
from campaigns.queries import HOME_AGENCY_KEY, unit_ancestors
from campaigns.roles import GROUP_NAMES
from campaigns.tasks import task_send_invitation

logger = logging.getLogger(__name__)


def agency_changed() -> None:
    """Call where an agency is written: once the write commits, the agency every page's footer
    names (``campaigns.queries.home_agency``, cached without a query) is read anew. Rankings need
    no call: their version includes the newest change of the units and people they name."""
    transaction.on_commit(lambda: caches["local"].delete(HOME_AGENCY_KEY))


@transaction.atomic
def set_roles(*, user, roles: set[str]) -> None:
    """Make ``roles`` the user's role groups; roles that work in the admin also get ``is_staff``.

    Groups that are not role groups are left as they are.
    """
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError(_("Vai trò không hợp lệ: %(roles)s.") % {"roles": ", ".join(sorted(unknown))})
    wanted = {GROUP_NAMES[role] for role in roles}
    role_groups = list(Group.objects.filter(name__in=GROUP_NAMES.values()))
    user.groups.remove(*[group for group in role_groups if group.name not in wanted])
    user.groups.add(*[group for group in role_groups if group.name in wanted])
    is_staff = user.is_superuser or any(role in ADMIN_SITE_ROLES for role in roles)
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    if hasattr(user, "_roles_cache"):
        del user._roles_cache


def validate_unit_parent(*, unit, parent) -> None:
    """Refuse a parent that would make the unit tree loop back on itself."""
    if parent is None:
        return
    if unit.pk is not None and (parent.pk == unit.pk or unit.pk in {u.pk for u in unit_ancestors(parent)}):
        raise ValidationError(
            {"parent": _("Đơn vị cấp trên không được là chính đơn vị này hoặc một đơn vị trực thuộc nó.")}
        )
    if parent.agency_id != unit.agency_id:
        raise ValidationError({"parent": _("Đơn vị cấp trên phải thuộc cùng cơ quan.")})


@transaction.atomic
def invite_accounts(*, users, by) -> list[int]:
    """Mail each of ``users`` that is active, has an address and has no password yet a link to set
    one, valid ``ACCOUNT_INVITATION_DAYS`` (campaigns/tokens.py); returns the ids invited.

    Side effects: one ``campaigns.send_invitation`` task per account, enqueued after commit; the
    others are skipped (those with a password use "Quên mật khẩu?").
    """
    no_password = Q(password="") | Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    invited = list(users.filter(no_password, is_active=True).exclude(email="").values_list("pk", flat=True))
    for user_id in invited:
        task_send_invitation.delay_on_commit(user_id=user_id)
    logger.info("%s invited accounts %s to set a password", by, invited)
    return invited

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in the system; each role is a Django group (see ``campaigns.roles``)."""

    STAFF = "staff", _("Cán bộ, công chức")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    COUNCIL_MEMBER = "council_member", _("Ủy viên Hội đồng TĐKT")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    LEADER = "leader", _("Lãnh đạo")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# Roles whose work happens (at least partly) in the Django admin: they get ``is_staff``.
ADMIN_SITE_ROLES = (Role.COUNCIL_MEMBER, Role.SECRETARY, Role.LEADER, Role.ADMINISTRATOR)

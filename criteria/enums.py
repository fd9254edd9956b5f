from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký Hội đồng")


class AwardKind(models.TextChoices):
    """The two kinds the Law on Emulation and Commendation 2022 (06/2022/QH15) distinguishes: emulation
    titles (danh hiệu thi đua, e.g. Lao động tiên tiến) and forms of commendation (hình thức khen
    thưởng, e.g. Giấy khen, Bằng khen)."""

    TITLE = "title", _("Danh hiệu thi đua")
    COMMENDATION = "commendation", _("Hình thức khen thưởng")


class DecidingLevel(models.TextChoices):
    """Who decides the award: the agency's own head, or a higher authority the agency proposes to."""

    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan quyết định")
    HIGHER = "higher", _("Cấp trên quyết định (cơ quan đề nghị)")

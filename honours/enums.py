from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterSource(models.TextChoices):
    """Where a register row comes from: a campaign's approved nominee list, or an Excel import of
    earlier years' decisions."""

    CAMPAIGN = "campaign", _("Danh sách được phê duyệt của phong trào")
    IMPORTED = "imported", _("Nhập từ Excel hoặc nhập tay (năm trước)")


class InitiativeScope(models.TextChoices):
    """The scope in which an initiative is recognised (phạm vi ảnh hưởng), from the base level up.

    Decree 98/2023/NĐ-CP asks, for Chiến sĩ thi đua cơ sở, an initiative recognised at least at the
    base level (cơ sở); the higher titles ask for wider scopes (articles to be confirmed)."""

    BASE = "base", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh")
    MINISTRY = "ministry", _("Cấp bộ, ban, ngành, đoàn thể trung ương")
    NATIONAL = "national", _("Toàn quốc")

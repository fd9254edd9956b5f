from django.db import models
from django.utils.translation import gettext_lazy as _


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang công khai")
    APPROVED = "approved", _("Đã phê duyệt")
    SUPERSEDED = "superseded", _("Đã thay bằng phiên bản mới")


class TieDecision(models.TextChoices):
    KEEP = "keep", _("Giữ trong danh sách")
    DROP = "drop", _("Đưa ra khỏi danh sách")

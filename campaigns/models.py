from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.Model):
    """An issuing agency (cơ quan), e.g. Ban Dân tộc tỉnh Vĩnh Long under UBND tỉnh Vĩnh Long."""

    code = models.SlugField(_("mã cơ quan"), max_length=50, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    parent_authority = models.CharField(
        _("cơ quan chủ quản"), max_length=255, help_text=_("Dòng trên của tiêu đề văn bản, ví dụ: UBND TỈNH VĨNH LONG.")
    )
    place_name = models.CharField(
        _("địa danh"), max_length=100, help_text=_("Dùng trong dòng ngày tháng của văn bản, ví dụ: Vĩnh Long.")
    )

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Unit(models.Model):
    """An organisational unit (đơn vị); units form a tree and compete as collectives (tập thể)."""

    agency = models.ForeignKey(
        "campaigns.Agency", on_delete=models.PROTECT, related_name="units", verbose_name=_("cơ quan")
    )
    parent = models.ForeignKey(
        "campaigns.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    code = models.SlugField(_("mã đơn vị"), max_length=50)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    head = models.ForeignKey(
        "campaigns.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_units",
        verbose_name=_("thủ trưởng đơn vị"),
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="campaigns_unit_code_unique_per_agency"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="campaigns_unit_not_own_parent"),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """An individual (cá nhân): a civil servant who may compete and may have a login account."""

    code = models.SlugField(_("mã cán bộ"), max_length=50, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "campaigns.Unit", on_delete=models.PROTECT, related_name="people", verbose_name=_("đơn vị")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("tài khoản"),
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import deadline
from campaigns.enums import (
    Aggregation,
    CampaignKind,
    CampaignState,
    CampaignStatus,
    ParticipantRule,
    TieBreak,
    UnregisteredPolicy,
)


class Agency(models.Model):
    """An issuing agency (cơ quan), e.g. Ban Dân tộc tỉnh Vĩnh Long under UBND tỉnh Vĩnh Long."""

    code = models.SlugField(_("mã cơ quan"), max_length=50, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    parent_authority = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        help_text=_("Dòng trên của tiêu đề văn bản: cơ quan cấp trên, viết hoa, ví dụ: UBND TỈNH …, BỘ …."),
    )
    header_name = models.CharField(
        _("tên trên tiêu đề văn bản"),
        max_length=255,
        blank=True,
        help_text=_(
            "Dòng dưới của tiêu đề bên trái: tên cơ quan viết hoa, ví dụ: SỞ …. Để trống thì dùng tên cơ quan."
        ),
    )
    place_name = models.CharField(
        _("địa danh"),
        max_length=100,
        help_text=_("Dùng trong dòng ngày tháng của văn bản: tên tỉnh (hoặc xã) nơi ban hành."),
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
    # Set by every save, whatever the path (admin, import, shell, migration): rankings that show
    # units' names are cached under a version that includes the newest of these.
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="campaigns_unit_code_unique_per_agency",
                violation_error_message=_("Cơ quan đã có đơn vị mang mã này."),
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="campaigns_unit_not_own_parent"),
        ]
        indexes = [models.Index(fields=["updated_at"], name="campaigns_unit_version")]

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
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)  # as ``Unit.updated_at``

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["updated_at"], name="campaigns_person_version")]

    def __str__(self):
        return self.full_name


def default_unregistered_policy() -> str:
    """A new campaign's policy for unregistered entrants: the deployment's setting."""
    return settings.REGISTRATION_DEFAULT_POLICY


class Campaign(models.Model):
    """An emulation campaign (phong trào thi đua), identified by its plan number (169/KH-BDT).

    ``closes_at`` is the last second that is still open, as users read it: a campaign "until
    31/12/2022 23:59:59" accepts an entry at 23:59:59.9 and refuses one at 00:00:00.
    """

    agency = models.ForeignKey(
        "campaigns.Agency", on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("cơ quan phát động")
    )
    slug = models.SlugField(
        _("mã đường dẫn"),
        max_length=80,
        unique=True,
        help_text=_("Dùng trong địa chỉ trang: chữ thường không dấu, số và gạch nối, ví dụ: 12-kh-2025."),
    )
    plan_number = models.CharField(
        _("số kế hoạch"), max_length=50, help_text=_("Số và ký hiệu của kế hoạch, ví dụ: 12/KH-UBND.")
    )
    title = models.CharField(_("tên phong trào"), max_length=500)
    kind = models.CharField(
        _("loại hình thi đua"), max_length=20, choices=CampaignKind.choices, default=CampaignKind.THEMATIC
    )
    signed_on = models.DateField(_("ngày ký kế hoạch"))
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    signer_title = models.CharField(
        _("chức vụ người ký"),
        max_length=255,
        blank=True,
        help_text=_(
            "Dòng chức vụ trên chữ ký, ví dụ: “Giám đốc”, hoặc “KT. Giám đốc / Phó Giám đốc” (dấu / xuống dòng)."
        ),
    )
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    regulation = models.CharField(
        _("quy chế thi đua, khen thưởng của cơ quan"),
        max_length=500,
        blank=True,
        help_text=_(
            "Căn cứ ghi trong quyết định khen thưởng, ví dụ: Quyết định số …/QĐ-… ngày … ban hành Quy chế thi đua, "
            "khen thưởng của cơ quan. Để trống thì quyết định không ghi căn cứ này."
        ),
    )
    opens_at = models.DateTimeField(_("thời điểm bắt đầu nhận bài"))
    closes_at = models.DateTimeField(
        _("thời điểm kết thúc"), help_text=_("Giây cuối cùng còn nhận bài, giờ Việt Nam, ví dụ 23:59:59 của ngày cuối.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    # Registration (đăng ký thi đua, the ``registrations`` app): its window's closing moment is a last
    # open second, as ``closes_at`` is, read through ``campaigns.deadline``.
    requires_registration = models.BooleanField(
        _("yêu cầu đăng ký thi đua"),
        default=False,
        help_text=_("Tập thể, cá nhân đăng ký danh hiệu, hình thức khen thưởng và chỉ tiêu trước khi dự thi."),
    )
    registration_opens_at = models.DateTimeField(_("bắt đầu nhận đăng ký"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("hạn đăng ký"), null=True, blank=True, help_text=_("Giây cuối cùng còn nhận đăng ký, giờ Việt Nam.")
    )
    unregistered_policy = models.CharField(
        _("bài của người chưa đăng ký"),
        max_length=20,
        choices=UnregisteredPolicy.choices,
        default=default_unregistered_policy,
    )
    # Scoring settings.
    scale_total = models.DecimalField(_("tổng thang điểm"), max_digits=6, decimal_places=2, default=Decimal(100))
    score_step = models.DecimalField(_("bước điểm"), max_digits=4, decimal_places=2, default=Decimal("0.5"))
    aggregation = models.CharField(
        _("cách tổng hợp điểm các thành viên"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    quorum = models.PositiveSmallIntegerField(
        _("số thành viên chấm tối thiểu"),
        default=3,
        help_text=_("Bài chỉ được xếp hạng khi đủ số thành viên chấm đầy đủ."),
    )
    participant_rule = models.CharField(
        _("cách tính điểm người dự thi"),
        max_length=20,
        choices=ParticipantRule.choices,
        default=ParticipantRule.BEST_K_SUM,
    )
    best_k = models.PositiveSmallIntegerField(_("số bài được tính (K)"), default=3)
    tie_break = models.CharField(
        _("phân định người bằng điểm"),
        max_length=20,
        choices=TieBreak.choices,
        default=TieBreak.NONE,
        help_text=_("Thời điểm gửi bài không bao giờ dùng để xếp hạng; bằng điểm mà không phân định thì đồng hạng."),
    )
    blind_scoring = models.BooleanField(
        _("chấm độc lập"), default=True, help_text=_("Thành viên chỉ thấy điểm của người khác sau khi đã chấm bài đó.")
    )
    endorsement_required = models.BooleanField(_("thủ trưởng đơn vị xác nhận bài của cán bộ"), default=False)
    posting_days = models.PositiveSmallIntegerField(_("số ngày công khai danh sách"), default=5)
    scoring_started_at = models.DateTimeField(_("bắt đầu chấm điểm lúc"), null=True, blank=True, editable=False)
    scores_locked_at = models.DateTimeField(_("khóa điểm lúc"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("đã đóng lúc"), null=True, blank=True, editable=False)
    closed_by = models.CharField(_("người đóng"), max_length=255, blank=True, editable=False)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "plan_number"],
                name="campaigns_campaign_plan_number_unique",
                violation_error_message=_("Cơ quan đã có kế hoạch mang số này."),
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="campaigns_campaign_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(requires_registration=False)
                | models.Q(
                    registration_opens_at__isnull=False,
                    registration_closes_at__isnull=False,
                    registration_closes_at__gt=models.F("registration_opens_at"),
                ),
                name="campaigns_campaign_registration_window",
                violation_error_message=_(
                    "Phong trào yêu cầu đăng ký phải có thời gian nhận đăng ký, hạn sau lúc bắt đầu."
                ),
            ),
            models.CheckConstraint(condition=models.Q(scale_total__gt=0), name="campaigns_campaign_scale_positive"),
            models.CheckConstraint(condition=models.Q(score_step__gt=0), name="campaigns_campaign_step_positive"),
            models.CheckConstraint(condition=models.Q(quorum__gte=1), name="campaigns_campaign_quorum_positive"),
            models.CheckConstraint(condition=models.Q(best_k__gte=1), name="campaigns_campaign_best_k_positive"),
        ]
        indexes = [models.Index(fields=["status", "closes_at"], name="campaigns_campaign_due")]

    def __str__(self):
        return f"{self.plan_number} — {self.title}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu nhận bài.")})

    @property
    def ends_at(self):
        """The first moment that is no longer open: one second after the displayed closing second."""
        return deadline.ends_at(self.closes_at)

    def state_at(self, moment, closes_at=None) -> str:
        """The campaign's state at ``moment``; ``closes_at``, when given, is a participant's own
        closing second in place of the campaign's (``submissions.deadlines.participant_closes_at``).

        The SQL twin of "open" is ``campaigns.deadline.open_q``.
        """
        if self.status == CampaignStatus.DRAFT:
            return CampaignState.DRAFT
        if self.status == CampaignStatus.CLOSED or not deadline.still_open(closes_at or self.closes_at, moment):
            return CampaignState.ENDED
        if moment < self.opens_at:
            return CampaignState.UPCOMING
        return CampaignState.OPEN

    def is_open_at(self, moment, closes_at=None) -> bool:
        return self.state_at(moment, closes_at) == CampaignState.OPEN

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    def registration_open_at(self, moment) -> bool:
        """Whether registration is open at ``moment``: required, launched, begun, and its last second
        (``registration_closes_at``) not passed, by the deadline rule of ``campaigns.deadline``."""
        return (
            self.requires_registration
            and self.status == CampaignStatus.LAUNCHED
            and self.registration_opens_at <= moment
            and deadline.still_open(self.registration_closes_at, moment)
        )


class ReformArea(models.Model):
    """An emulation content (nội dung thi đua) of a campaign, in the plan's order."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="areas", verbose_name=_("phong trào")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("nội dung thi đua"), max_length=500)
    description = models.TextField(_("diễn giải"), blank=True)

    class Meta:
        verbose_name = _("nội dung thi đua")
        verbose_name_plural = _("nội dung thi đua")
        ordering = ["campaign", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "order"],
                name="campaigns_reformarea_order_unique",
                violation_error_message=_("Thứ tự này đã dùng cho một nội dung khác."),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"

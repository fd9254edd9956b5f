from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.enums import ParticipantKind
from campaigns.participants import ParticipantMixin
from criteria.enums import AwardKind, CouncilRole, DecidingLevel


class Criterion(models.Model):
    """A scoring criterion (tiêu chí) with its maximum points and where it applies.

    For every reform area and participant kind, the maximum points of the criteria that apply
    add up to the campaign's scale (checked by ``criteria.services.check_criteria_set``).
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="criteria", verbose_name=_("phong trào")
    )
    code = models.CharField(_("mã tiêu chí"), max_length=20)
    name = models.CharField(_("tên tiêu chí"), max_length=500)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    areas = models.ManyToManyField(
        "campaigns.ReformArea",
        blank=True,
        related_name="criteria",
        verbose_name=_("áp dụng cho nội dung"),
        help_text=_("Để trống nếu tiêu chí áp dụng cho mọi nội dung thi đua."),
    )
    for_collectives = models.BooleanField(_("áp dụng cho tập thể"), default=True)
    for_individuals = models.BooleanField(_("áp dụng cho cá nhân"), default=True)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["campaign", "order", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "code"],
                name="criteria_criterion_code_unique",
                violation_error_message=_("Mã tiêu chí đã có trong phong trào này."),
            ),
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="criteria_criterion_max_positive"),
            models.CheckConstraint(
                condition=models.Q(for_collectives=True) | models.Q(for_individuals=True),
                name="criteria_criterion_applies_to_someone",
                violation_error_message=_("Tiêu chí phải áp dụng cho tập thể, cá nhân hoặc cả hai."),
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"

    def applies_to(self, *, area_id, kind: str) -> bool:
        """Whether the criterion scores an entry of this area and participant kind (areas prefetched)."""
        return criterion_applies(
            for_collectives=self.for_collectives,
            for_individuals=self.for_individuals,
            area_keys={area.pk for area in self.areas.all()},
            area_key=area_id,
            kind=kind,
        )


def criterion_applies(*, for_collectives: bool, for_individuals: bool, area_keys, area_key, kind: str) -> bool:
    """The one rule for where a criterion applies: to its participant kinds, in its areas (none: every area).

    ``area_keys`` are the criterion's areas and ``area_key`` the entry's (None: no area); the set
    check passes form keys for areas not saved yet, everything else passes area ids.
    """
    for_kind = for_collectives if kind == ParticipantKind.COLLECTIVE else for_individuals
    return for_kind and (not area_keys or area_key in area_keys)


class AwardForm(models.Model):
    """An emulation title or a form of commendation the campaign's nominee list fills (``kind``),
    for one recipient kind (a title or form given to both is two rows), decided by the agency's
    head or proposed to a higher authority (``deciding_level``)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="award_forms", verbose_name=_("phong trào")
    )
    name = models.CharField(_("hình thức khen thưởng"), max_length=255)
    recipient_kind = models.CharField(_("đối tượng"), max_length=20, choices=ParticipantKind.choices)
    kind = models.CharField(_("loại"), max_length=20, choices=AwardKind.choices, default=AwardKind.COMMENDATION)
    deciding_level = models.CharField(
        _("cấp quyết định"), max_length=20, choices=DecidingLevel.choices, default=DecidingLevel.AGENCY_HEAD
    )
    precedence = models.PositiveSmallIntegerField(
        _("thứ tự ưu tiên"), default=1, help_text=_("Hình thức có số nhỏ hơn được xét trước (mức cao hơn).")
    )
    min_score = models.DecimalField(_("điểm tối thiểu"), max_digits=7, decimal_places=2, default=0)
    quota_count = models.PositiveIntegerField(_("số lượng tối đa"), null=True, blank=True)
    quota_percent = models.DecimalField(
        _("tỷ lệ tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Tính trên số người dự thi được xếp hạng cùng đối tượng."),
    )
    # The council's secret ballot (issue 17, item 6; ballots/): the council of emulation and
    # commendation advises the deciding head (Luật Thi đua, khen thưởng 2022, 06/2022/QH15: the
    # council's advisory role, article to be confirmed); its regulation (quy chế hoạt động của Hội
    # đồng) sets the share of the council's members who must vote for, "từ … % trở lên". 70 % is what
    # many provincial councils use for base-level titles (DOMAIN.md); to be confirmed per agency.
    requires_vote = models.BooleanField(
        _("cần Hội đồng bỏ phiếu kín"),
        default=False,
        help_text=_("Người được đề nghị hình thức này phải được Hội đồng bỏ phiếu kín thông qua trước khi phê duyệt."),
    )
    vote_threshold = models.DecimalField(
        _("tỷ lệ phiếu đồng ý (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        help_text=_("Thông qua khi số phiếu đồng ý từ tỷ lệ này trở lên, tính trên tổng số thành viên Hội đồng."),
    )

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["campaign", "recipient_kind", "precedence", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "recipient_kind", "precedence"], name="criteria_awardform_precedence_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(min_score__gte=0), name="criteria_awardform_min_score_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(quota_percent__isnull=True)
                | (models.Q(quota_percent__gt=0) & models.Q(quota_percent__lte=100)),
                name="criteria_awardform_quota_percent_range",
                violation_error_message=_("Tỷ lệ tối đa phải lớn hơn 0 và không quá 100%."),
            ),
            models.CheckConstraint(
                condition=models.Q(vote_threshold__gt=0) & models.Q(vote_threshold__lte=100),
                name="criteria_awardform_vote_threshold_range",
                violation_error_message=_("Tỷ lệ phiếu đồng ý phải lớn hơn 0 và không quá 100%."),
            ),
        ]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    """Membership of the emulation and commendation council (HĐTĐKT) for one campaign."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="council", verbose_name=_("phong trào")
    )
    person = models.ForeignKey(
        "campaigns.Person", on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("thành viên")
    )
    role = models.CharField(
        _("vai trò trong Hội đồng"), max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER
    )

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["campaign", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"],
                name="criteria_councilmember_once_per_campaign",
                violation_error_message=_("Người này đã là thành viên Hội đồng của phong trào."),
            ),
        ]

    def __str__(self):
        # The person's name makes members tell apart in every admin list; querysets that show
        # members select the person with them.
        return f"{self.person.full_name} ({self.get_role_display()})"


class DeclaredConflict(ParticipantMixin):
    """A conflict of interest a member declares: they will not judge this unit's or person's entries."""

    member = models.ForeignKey(
        "criteria.CouncilMember", on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("thành viên")
    )
    # Any unit, not only a competing collective: the conflict covers its sub-units as well.
    unit = models.ForeignKey(
        "campaigns.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    reason = models.CharField(_("lý do"), max_length=500)

    class Meta:
        verbose_name = _("xung đột lợi ích đã khai")
        verbose_name_plural = _("xung đột lợi ích đã khai")
        constraints = [
            ParticipantMixin.one_participant(
                name="criteria_declaredconflict_unit_xor_person",
                message=_("Chọn đúng một: hoặc một đơn vị, hoặc một cá nhân."),
            ),
        ]

    def __str__(self):
        return self.reason

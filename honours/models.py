"""The award register (sổ theo dõi khen thưởng) and recognised initiatives (sáng kiến được công nhận).

Every award approved in a campaign enters the register when its list is approved; earlier years
are imported from Excel. Titles often require awards or a recognised initiative in earlier years or
in the year (Law on Emulation and Commendation 2022, 06/2022/QH15, the articles on each title;
Decree 98/2023/NĐ-CP on initiatives as a condition; article numbers to be confirmed): the
eligibility rules (issue 17, item 3) read these two tables.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.participants import ParticipantMixin
from criteria.enums import AwardKind, DecidingLevel
from honours.enums import InitiativeScope, RegisterSource


class RegisterEntry(ParticipantMixin):
    """One award of one person or unit: the year, the title or form, and the decision that gave it."""

    person = models.ForeignKey(
        "campaigns.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="honours",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="honours",
        verbose_name=_("tập thể"),
    )
    year = models.PositiveSmallIntegerField(_("năm"), help_text=_("Năm của thành tích được khen thưởng."))
    title = models.CharField(_("danh hiệu, hình thức khen thưởng"), max_length=255)
    award_form = models.ForeignKey(
        "criteria.AwardForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hình thức trong phong trào"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=AwardKind.choices, default=AwardKind.COMMENDATION)
    deciding_level = models.CharField(
        _("cấp quyết định"), max_length=20, choices=DecidingLevel.choices, default=DecidingLevel.AGENCY_HEAD
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("cơ quan, người quyết định"), max_length=255, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=20, choices=RegisterSource.choices, default=RegisterSource.IMPORTED
    )
    # The nominee row it came from (a campaign's approved list): one register row per nominee.
    nominee = models.ForeignKey(
        "awards.Nominee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_entries",
        verbose_name=_("dòng danh sách đề nghị"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("ghi sổ lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng (sổ theo dõi)")
        verbose_name_plural = _("sổ theo dõi khen thưởng")
        ordering = ["-year", "-decision_date", "pk"]
        constraints = [
            ParticipantMixin.one_participant(
                name="honours_registerentry_one_participant",
                message=_("Ghi đúng một: mã cá nhân hoặc mã đơn vị (tập thể)."),
            ),
            models.UniqueConstraint(fields=["nominee"], name="honours_registerentry_nominee_once"),
            # One decision gives one title or form to a participant once: an import run twice adds nothing.
            models.UniqueConstraint(
                fields=["person", "year", "title", "decision_number"],
                condition=models.Q(person__isnull=False),
                name="honours_registerentry_person_award_once",
                violation_error_message=_("Khen thưởng này của cá nhân đã có trong sổ."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "title", "decision_number"],
                condition=models.Q(unit__isnull=False),
                name="honours_registerentry_unit_award_once",
                violation_error_message=_("Khen thưởng này của tập thể đã có trong sổ."),
            ),
            models.CheckConstraint(
                condition=models.Q(source=RegisterSource.CAMPAIGN, nominee__isnull=False)
                | models.Q(source=RegisterSource.IMPORTED, nominee__isnull=True),
                name="honours_registerentry_source_matches_nominee",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1945, year__lte=2100),
                name="honours_registerentry_year_range",
                violation_error_message=_("Năm phải từ 1945 đến 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.year} — {self.title}"


class RecognisedInitiative(models.Model):
    """An entry of kind initiative or solution that the council (or an initiative council)
    recognised as a sáng kiến, with its scope and the recognising decision. The eligibility rule
    "a recognised initiative in the period" reads it (``honours.queries.recognised_initiatives``)."""

    entry = models.OneToOneField(
        "submissions.Entry", on_delete=models.PROTECT, related_name="recognition", verbose_name=_("bài dự thi")
    )
    scope = models.CharField(_("phạm vi công nhận"), max_length=20, choices=InitiativeScope.choices)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định công nhận"))
    authority = models.CharField(_("cơ quan, hội đồng công nhận"), max_length=255, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người ghi nhận")
    )
    recognised_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sáng kiến được công nhận")
        verbose_name_plural = _("sáng kiến được công nhận")
        ordering = ["-decision_date", "pk"]

    def __str__(self):
        return self.decision_number

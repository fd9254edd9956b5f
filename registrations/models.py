"""Registration for a campaign (đăng ký thi đua): what a unit or a person aims for, and commits to.

The Law on Emulation and Commendation 2022 (06/2022/QH15) makes registration the basis on which a
title is considered: without it, a title is not considered (article of the law's principles, number
to be confirmed; README "Đăng ký thi đua"). A campaign that requires registration says what happens
to an entry from someone who did not register (``Campaign.unregistered_policy``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Person, Unit
from campaigns.participants import ParticipantMixin


class Registration(ParticipantMixin):
    """One participant's registration in one campaign: exactly one of a person or a unit."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("phong trào")
    )
    person = models.ForeignKey(
        "campaigns.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("tập thể"),
    )
    award_forms = models.ManyToManyField(
        "criteria.AwardForm", related_name="registrations", verbose_name=_("danh hiệu, hình thức khen thưởng đăng ký")
    )
    commitments = models.TextField(
        _("chỉ tiêu, cam kết"), max_length=2000, help_text=_("Mục tiêu, chỉ tiêu phấn đấu, ngắn gọn.")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người đăng ký")
    )
    on_behalf = models.BooleanField(_("thư ký đăng ký thay"), default=False)
    outside_window = models.BooleanField(_("đăng ký ngoài thời gian"), default=False)
    note = models.TextField(_("ghi chú, lý do"), blank=True)
    registered_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["campaign", "registered_at", "pk"]
        constraints = [
            ParticipantMixin.one_participant(
                name="registrations_registration_person_xor_unit",
                message=_("Đăng ký thuộc đúng một cá nhân hoặc một tập thể."),
            ),
            models.UniqueConstraint(
                fields=["campaign", "person"],
                name="registrations_registration_once_per_person",
                violation_error_message=_("Cá nhân này đã đăng ký trong phong trào."),
            ),
            models.UniqueConstraint(
                fields=["campaign", "unit"],
                name="registrations_registration_once_per_unit",
                violation_error_message=_("Tập thể này đã đăng ký trong phong trào."),
            ),
            # Outside its window only the secretary registers, and says why.
            models.CheckConstraint(
                condition=models.Q(outside_window=False) | (models.Q(on_behalf=True) & ~models.Q(note="")),
                name="registrations_registration_outside_window_has_reason",
                violation_error_message=_("Đăng ký ngoài thời gian phải do thư ký đăng ký thay, có lý do."),
            ),
        ]

    def __str__(self):
        return self.commitments[:80]


class PersonRegistrant(Person):
    """A person seen from the registration desk: registered in the chosen campaign or not."""

    class Meta:
        proxy = True
        verbose_name = _("cá nhân — tình hình đăng ký")
        verbose_name_plural = _("cá nhân — tình hình đăng ký")


class UnitRegistrant(Unit):
    """A unit (a collective, registered by its head) seen from the registration desk."""

    class Meta:
        proxy = True
        verbose_name = _("tập thể — tình hình đăng ký")
        verbose_name_plural = _("tập thể — tình hình đăng ký")

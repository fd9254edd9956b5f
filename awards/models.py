import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import ListStatus, TieDecision
from campaigns.enums import ParticipantKind
from campaigns.participants import ParticipantMixin


def new_list_code() -> str:
    return secrets.token_urlsafe(9)


class NomineeList(models.Model):
    """A version of the campaign's award nominee list (danh sách đề nghị khen thưởng).

    ``fingerprint`` is the SHA-256 of every score the list was built from: the same scores
    never give a second version (a database constraint, so two compilations at once give one).
    """

    code = models.CharField(max_length=16, unique=True, default=new_list_code, editable=False, verbose_name=_("mã"))
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="nominee_lists", verbose_name=_("phong trào")
    )
    version = models.PositiveIntegerField(_("phiên bản"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=ListStatus.choices, default=ListStatus.DRAFT)
    fingerprint = models.CharField(_("mã kiểm tra điểm"), max_length=64)
    compiled_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    compiled_by = models.CharField(_("người lập"), max_length=255)
    posted_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    posting_ends_at = models.DateTimeField(_("hết hạn công khai lúc"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phê duyệt"),
    )

    class Meta:
        verbose_name = _("danh sách đề nghị khen thưởng")
        verbose_name_plural = _("danh sách đề nghị khen thưởng")
        ordering = ["campaign", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "version"], name="awards_nomineelist_version_unique"),
            models.UniqueConstraint(fields=["campaign", "fingerprint"], name="awards_nomineelist_fingerprint_unique"),
        ]

    def __str__(self):
        return _("Danh sách khen thưởng, phiên bản %(version)d") % {"version": self.version}


class Nominee(ParticipantMixin):
    """One row of a nominee list: a participant, the award form given, rank, score and summary."""

    nominee_list = models.ForeignKey(
        "awards.NomineeList", on_delete=models.CASCADE, related_name="nominees", verbose_name=_("danh sách")
    )
    kind = models.CharField(_("đối tượng"), max_length=20, choices=ParticipantKind.choices)
    award_form = models.ForeignKey(
        "criteria.AwardForm", on_delete=models.PROTECT, related_name="+", verbose_name=_("hình thức khen thưởng")
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    rank = models.PositiveIntegerField(_("hạng"))
    score = models.DecimalField(_("điểm"), max_digits=9, decimal_places=3)
    summary = models.TextField(_("tóm tắt thành tích"))
    tie_flag = models.BooleanField(_("đồng hạng tại ngưỡng, Hội đồng quyết định"), default=False)
    decision = models.CharField(_("quyết định của Hội đồng"), max_length=10, choices=TieDecision.choices, blank=True)
    decision_reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("người được đề nghị")
        verbose_name_plural = _("người được đề nghị")
        ordering = ["nominee_list", "position"]
        constraints = [
            ParticipantMixin.one_participant(name="awards_nominee_one_participant"),
            models.UniqueConstraint(fields=["nominee_list", "position"], name="awards_nominee_position_unique"),
        ]

    def __str__(self):
        return f"{self.position}"


class Comment(models.Model):
    """A comment (ý kiến) on a posted list or one of its rows, and the secretary's answer."""

    nominee_list = models.ForeignKey(
        "awards.NomineeList", on_delete=models.CASCADE, related_name="comments", verbose_name=_("danh sách")
    )
    nominee = models.ForeignKey(
        "awards.Nominee",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("dòng"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người góp ý")
    )
    text = models.TextField(_("ý kiến"), max_length=5000)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người trả lời"),
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]

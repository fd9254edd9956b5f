import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.participants import ParticipantMixin
from submissions.enums import EntryAction, EntryKind, EntryStatus

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_entry_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def evidence_path(instance, filename) -> str:
    # Stored under a random name: the original name is kept in the database only.
    return f"evidence/{instance.entry.campaign_id}/{uuid.uuid4().hex}"


class Entry(ParticipantMixin):
    """An initiative, solution or achievement (sáng kiến, giải pháp, thành tích) entered in a campaign.

    The participant is exactly one of a person (individual) or a unit (collective).
    """

    code = models.CharField(_("mã bài"), max_length=12, unique=True, default=new_entry_code, editable=False)
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="entries", verbose_name=_("phong trào")
    )
    area = models.ForeignKey(
        "campaigns.ReformArea", on_delete=models.PROTECT, related_name="entries", verbose_name=_("nội dung thi đua")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=EntryKind.choices, default=EntryKind.INITIATIVE)
    title = models.CharField(_("tên sáng kiến, giải pháp, thành tích"), max_length=500)
    summary = models.TextField(_("tóm tắt"), max_length=2000)
    description = models.TextField(_("nội dung chi tiết"), blank=True)
    results = models.TextField(_("kết quả, hiệu quả đạt được"), blank=True)
    applied_on = models.DateField(_("ngày áp dụng lần đầu"), null=True, blank=True)
    person = models.ForeignKey(
        "campaigns.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("cá nhân dự thi"),
    )
    unit = models.ForeignKey(
        "campaigns.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("tập thể dự thi"),
    )
    coauthors = models.ManyToManyField(
        "campaigns.Person", blank=True, related_name="coauthored_entries", verbose_name=_("đồng tác giả")
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    form_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, verbose_name=_("mã chống gửi trùng")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    submitted_at = models.DateTimeField(_("gửi lần cuối lúc"), null=True, blank=True)
    # Set when the receipt of the last submission is mailed: a submitted entry without it is owed one.
    receipt_sent_at = models.DateTimeField(_("đã gửi thư báo nhận lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bài dự thi")
        verbose_name_plural = _("bài dự thi")
        ordering = ["-created_at", "pk"]
        constraints = [
            ParticipantMixin.one_participant(
                name="submissions_entry_one_participant",
                message=_("Bài dự thi thuộc đúng một cá nhân hoặc một tập thể."),
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "status"], name="submissions_entry_campaign"),
            models.Index(fields=["campaign", "updated_at"], name="submissions_entry_version"),
            models.Index(
                fields=["submitted_at"],
                condition=models.Q(submitted_at__isnull=False, receipt_sent_at__isnull=True),
                name="submissions_entry_receipt_owed",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.title}"


class CoauthorConfirmation(models.Model):
    """A co-author's confirmation that they took part in the entry.

    Naming someone a co-author costs them nothing until they confirm: only a confirmed
    co-authorship keeps a council member from judging the entry.
    """

    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="coauthor_confirmations",
        verbose_name=_("bài dự thi"),
    )
    person = models.ForeignKey(
        "campaigns.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("đồng tác giả")
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("xác nhận đồng tác giả")
        verbose_name_plural = _("xác nhận đồng tác giả")
        constraints = [
            models.UniqueConstraint(fields=["entry", "person"], name="submissions_coauthorconfirmation_once"),
        ]

    def __str__(self):
        return f"{self.entry_id}/{self.person_id}"


class Attachment(models.Model):
    """An evidence file (minh chứng), served only through a permission-checked download."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, verbose_name=_("mã"))
    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="attachments", verbose_name=_("bài dự thi")
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("loại tệp"), max_length=100)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    removed_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class SelfScore(models.Model):
    """The entrant's own score for one criterion (tự chấm điểm), shown to the council."""

    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="self_scores", verbose_name=_("bài dự thi")
    )
    criterion = models.ForeignKey(
        "criteria.Criterion", on_delete=models.PROTECT, related_name="+", verbose_name=_("tiêu chí")
    )
    points = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("điểm tự chấm")
        verbose_name_plural = _("điểm tự chấm")
        constraints = [
            models.UniqueConstraint(fields=["entry", "criterion"], name="submissions_selfscore_once_per_criterion"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="submissions_selfscore_not_negative"),
        ]

    def __str__(self):
        return str(self.points)


class EntryEvent(models.Model):
    """One line of an entry's history: who did what, when, why, and which fields changed."""

    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="events", verbose_name=_("bài dự thi")
    )
    action = models.CharField(_("việc"), max_length=20, choices=EntryAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    note = models.TextField(_("ghi chú"), blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử bài dự thi")
        verbose_name_plural = _("lịch sử bài dự thi")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.get_action_display()


class PersonalDeadline(ParticipantMixin):
    """A later deadline the secretary grants one participant, with the reason; never edited, only added."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="extensions", verbose_name=_("phong trào")
    )
    closes_at = models.DateTimeField(
        _("hạn mới"), help_text=_("Giây cuối cùng còn nhận bài của người này, giờ Việt Nam.")
    )
    reason = models.TextField(_("lý do"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người cho phép")
    )
    granted_at = models.DateTimeField(_("cho phép lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("gia hạn cá nhân")
        verbose_name_plural = _("gia hạn cá nhân")
        ordering = ["campaign", "-granted_at", "pk"]
        constraints = [
            ParticipantMixin.one_participant(
                name="submissions_personaldeadline_one_participant",
                message=_("Chọn đúng một: một cá nhân hoặc một tập thể."),
            ),
        ]

    def __str__(self):
        return f"{self.closes_at:%d/%m/%Y %H:%M:%S}"


class ReminderSent(models.Model):
    """Marks a deadline reminder as sent, so that a sweep running twice mails once."""

    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="+", verbose_name=_("bài dự thi")
    )
    days_before = models.PositiveSmallIntegerField(verbose_name=_("số ngày trước hạn"))
    sent_at = models.DateTimeField(auto_now_add=True, verbose_name=_("gửi lúc"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "days_before"], name="submissions_remindersent_once"),
        ]

    def __str__(self):
        return f"{self.entry_id}/{self.days_before}"


class Assignment(models.Model):
    """An entry given to a council member to score."""

    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("bài dự thi")
    )
    member = models.ForeignKey(
        "criteria.CouncilMember", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("thành viên")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người phân công")
    )
    assigned_at = models.DateTimeField(_("phân công lúc"), auto_now_add=True)
    completed_at = models.DateTimeField(_("chấm xong lúc"), null=True, blank=True)
    comment = models.TextField(_("nhận xét chung"), blank=True)

    class Meta:
        verbose_name = _("bài được phân công chấm")
        verbose_name_plural = _("bài được phân công chấm")
        ordering = ["entry__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "member"],
                name="submissions_assignment_once",
                violation_error_message=_("Thành viên này đã được phân công chấm bài này."),
            ),
        ]
        indexes = [models.Index(fields=["member", "completed_at"], name="submissions_assignment_desk")]

    def __str__(self):
        return f"{self.entry_id}/{self.member_id}"


class Score(models.Model):
    """One member's points for one criterion of one entry; every change is kept in ScoreChange."""

    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.PROTECT, related_name="scores", verbose_name=_("bài dự thi")
    )
    criterion = models.ForeignKey(
        "criteria.Criterion", on_delete=models.PROTECT, related_name="scores", verbose_name=_("tiêu chí")
    )
    member = models.ForeignKey(
        "criteria.CouncilMember", on_delete=models.PROTECT, related_name="scores", verbose_name=_("thành viên")
    )
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("nhận xét"), blank=True)
    updated_at = models.DateTimeField(_("chấm lúc"), auto_now=True)

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        constraints = [
            models.UniqueConstraint(fields=["entry", "criterion", "member"], name="submissions_score_once"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="submissions_score_not_negative"),
        ]

    def __str__(self):
        return str(self.points)


class ScoreChange(models.Model):
    """The history of a score: who set it, when, from what to what.

    A score taken out of the result (its member declared a conflict of interest after scoring)
    ends with a row whose ``new_points`` is empty and whose ``note`` gives the reason.
    """

    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.PROTECT, related_name="score_changes", verbose_name=_("bài dự thi")
    )
    criterion = models.ForeignKey(
        "criteria.Criterion", on_delete=models.PROTECT, related_name="+", verbose_name=_("tiêu chí")
    )
    member = models.ForeignKey(
        "criteria.CouncilMember", on_delete=models.PROTECT, related_name="score_changes", verbose_name=_("thành viên")
    )
    old_points = models.DecimalField(_("điểm cũ"), max_digits=6, decimal_places=2, null=True, blank=True)
    new_points = models.DecimalField(_("điểm mới"), max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người chấm")
    )
    changed_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử điểm")
        verbose_name_plural = _("lịch sử điểm")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.old_points} → {self.new_points}"


class EntryResult(models.Model):
    """An entry's aggregated score, kept current whenever one of its scores is saved.

    ``criterion_points`` maps criterion ids (as strings) to the aggregated points; ``total`` is
    their sum over members who scored every criterion; the entry counts once ``complete_members``
    reaches the campaign's quorum.
    """

    entry = models.OneToOneField(
        "submissions.Entry", on_delete=models.CASCADE, related_name="result", verbose_name=_("bài dự thi")
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="+", verbose_name=_("phong trào")
    )
    total = models.DecimalField(_("điểm bài"), max_digits=8, decimal_places=3, null=True)
    criterion_points = models.JSONField(default=dict, verbose_name=_("điểm theo tiêu chí"))
    complete_members = models.PositiveSmallIntegerField(_("số thành viên chấm đủ"), default=0)
    assigned_members = models.PositiveSmallIntegerField(_("số thành viên được phân công"), default=0)
    counted = models.BooleanField(_("đủ điều kiện xếp hạng"), default=False)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("cập nhật lúc"))

    class Meta:
        indexes = [
            models.Index(fields=["campaign", "counted"], name="submissions_result_campaign"),
            models.Index(fields=["campaign", "updated_at"], name="submissions_result_version"),
        ]

    def __str__(self):
        return str(self.total)

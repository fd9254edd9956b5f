"""The council's secret ballot (bỏ phiếu kín) on the nominees of a list whose award form requires a
vote (``AwardForm.requires_vote``), at a meeting.

Secrecy: who voted (``Voter``, the attendance record) and how (``Vote``) are two tables with no key
between them. A vote names its ballot, its nominee and for or against, nothing else: no member, no
moment, and a random UUID key, so neither a column nor the order of keys joins it to a voter
(tests/ballots/test_secrecy.py). A member's votes are inserted in shuffled order.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_ballot_code() -> str:
    return secrets.token_urlsafe(9)


class Ballot(models.Model):
    """One secret ballot of the council on one version of a nominee list, at one meeting."""

    code = models.CharField(_("mã"), max_length=16, unique=True, default=new_ballot_code, editable=False)
    nominee_list = models.OneToOneField(
        "awards.NomineeList", on_delete=models.PROTECT, related_name="ballot", verbose_name=_("danh sách")
    )
    meeting_date = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255)
    council_size = models.PositiveSmallIntegerField(_("số thành viên Hội đồng"), editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người mở")
    )
    opened_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bỏ phiếu kín")
        verbose_name_plural = _("phiên bỏ phiếu kín")
        ordering = ["-meeting_date", "-pk"]

    def __str__(self):
        return f"{self.place} ({self.meeting_date:%d/%m/%Y})"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Voter(models.Model):
    """A council member present at the meeting (attendance), and whether they have cast their
    ballot, on their own screen or on paper. Never joined to a vote."""

    ballot = models.ForeignKey("ballots.Ballot", on_delete=models.CASCADE, related_name="voters")
    member = models.ForeignKey("criteria.CouncilMember", on_delete=models.PROTECT, related_name="+")
    has_voted = models.BooleanField(default=False)
    on_paper = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="ballots_voter_once_per_ballot"),
            models.CheckConstraint(
                condition=models.Q(on_paper=False) | models.Q(has_voted=True), name="ballots_voter_paper_has_voted"
            ),
        ]

    def __str__(self):
        return str(self.member_id)


class Vote(models.Model):
    """One vote for or against one nominee: no member, no moment, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey("ballots.Ballot", on_delete=models.CASCADE, related_name="votes")
    nominee = models.ForeignKey("awards.Nominee", on_delete=models.PROTECT, related_name="+")
    in_favour = models.BooleanField()

    def __str__(self):
        return str(self.in_favour)

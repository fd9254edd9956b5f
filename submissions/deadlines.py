"""Open for this participant at this instant: the campaign's rule plus a personal extension.

A participant (a person, or a unit through its head) may create, edit, submit or withdraw
entries while the campaign is open for them: launched, opened, and the moment not past their
last open second, which is the campaign's or, when the secretary granted one later, their own.
Extensions are only ever added: a participant's latest grant is the one that counts.

``accepts_entries`` answers in Python (one row per participant); ``open_for_entry_q``,
``open_extensions`` and ``campaigns_open_for`` answer the same question in SQL, and a test holds
both halves equal on the boundary cases. The second-level arithmetic is ``campaigns.deadline``.
"""

from django.db.models import Exists, OuterRef, Q

from campaigns import deadline
from campaigns.participants import Participant
from campaigns.queries import visible_campaigns
from submissions.models import PersonalDeadline


def personal_deadline(*, campaign, participant: Participant):
    """The latest extension granted to this participant in this campaign, or None."""
    extensions = PersonalDeadline.objects.filter(campaign=campaign, **participant.lookup())
    return extensions.order_by("-granted_at", "-pk").first()


def participant_closes_at(*, campaign, participant: Participant):
    """The last open second for this participant: the campaign's, or a later personal one."""
    extension = personal_deadline(campaign=campaign, participant=participant)
    if extension is not None and extension.closes_at > campaign.closes_at:
        return extension.closes_at
    return campaign.closes_at


def accepts_entries(*, campaign, participant: Participant, moment) -> bool:
    """Whether the participant may create, edit, submit or withdraw entries at ``moment`` (to the second)."""
    if campaign.is_open_at(moment):
        return True  # no need to look for an extension
    closes_at = participant_closes_at(campaign=campaign, participant=participant)
    return campaign.is_open_at(moment, closes_at=closes_at)


def current_extensions():
    """Each participant's latest grant in each campaign (``personal_deadline`` in SQL)."""
    granted_later = Q(granted_at__gt=OuterRef("granted_at")) | Q(
        granted_at=OuterRef("granted_at"), pk__gt=OuterRef("pk")
    )
    later = PersonalDeadline.objects.filter(
        PersonalDeadline.same_participant(), granted_later, campaign=OuterRef("campaign")
    )
    return PersonalDeadline.objects.filter(~Exists(later))


def open_extensions(moment):
    """Current extensions whose last open second has not passed at ``moment``."""
    return current_extensions().filter(deadline.still_open_q(moment))


def open_for_entry_q(moment) -> Q:
    """On ``Entry``: its campaign is open for its participant at ``moment`` (``accepts_entries`` in SQL)."""
    own = open_extensions(moment).filter(PersonalDeadline.same_participant(), campaign=OuterRef("campaign"))
    return deadline.open_q(moment, prefix="campaign__", extended=Exists(own))


def campaigns_open_for(user, moment):
    """Campaigns open at ``moment`` for the user as a person or as the head of a competing unit."""
    own = open_extensions(moment).filter(Q(person__user=user) | Q(unit__head__user=user), campaign=OuterRef("pk"))
    return visible_campaigns().filter(deadline.open_q(moment, extended=Exists(own)))


def is_open_for_user(user, campaign, moment) -> bool:
    """Whether the user may enter in ``campaign`` at ``moment``, for themselves or a unit they head."""
    return campaigns_open_for(user, moment).filter(pk=campaign.pk).exists()

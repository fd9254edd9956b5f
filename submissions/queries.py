"""Reads of entries, scoped to what each user may see."""

from datetime import timedelta

from django.db.models import Count, Q

from campaigns.enums import CampaignStatus
from campaigns.models import Person, Unit
from submissions.enums import EntryStatus
from submissions.models import Attachment, Entry, PersonalDeadline
from submissions.permissions import sees_every_entry


def entries_visible_to(user):
    """Entries the user may open; any other entry is a 404 for them.

    Authors see their own (drafts included); the participant person and co-authors see theirs;
    a unit head sees the submitted entries of the unit and its staff; the secretariat and
    leaders see every submitted entry.
    """
    if not user.is_authenticated:
        return Entry.objects.none()
    own = Q(created_by=user) | Q(person__user=user) | Q(unit__head__user=user)
    if sees_every_entry(user):
        return Entry.objects.filter(own | ~Q(status=EntryStatus.DRAFT))
    submitted = ~Q(status=EntryStatus.DRAFT)
    related = Q(coauthors__user=user) | Q(person__unit__head__user=user)
    ids = Entry.objects.filter(own | (submitted & related)).values("pk")
    return Entry.objects.filter(pk__in=ids)


def entry_page_queryset(user):
    return entries_visible_to(user).select_related("campaign", "area", "person__unit__head", "unit__head", "created_by")


def my_entries(user):
    """The entries the user is the author of, newest first, with what the list shows."""
    return (
        Entry.objects.filter(Q(created_by=user) | Q(person__user=user) | Q(unit__head__user=user))
        .select_related("campaign", "area", "person", "unit")
        .annotate(file_count=Count("attachments", filter=Q(attachments__removed_at__isnull=True)))
        .order_by("-updated_at", "-pk")
    )


def entries_to_endorse(user):
    """Submitted staff entries of units the user heads, in campaigns that ask for endorsement."""
    return (
        Entry.objects.filter(
            person__unit__head__user=user, status=EntryStatus.SUBMITTED, campaign__endorsement_required=True
        )
        .select_related("campaign", "person")
        .order_by("submitted_at", "pk")
    )


def current_attachments(entry):
    return entry.attachments.filter(removed_at__isnull=True).order_by("uploaded_at", "pk")


def attachment_for(user, code):
    """The attachment with this code if its entry is visible to the user (else DoesNotExist)."""
    return Attachment.objects.select_related("entry").get(
        code=code, removed_at__isnull=True, entry__in=entries_visible_to(user)
    )


def personal_deadline(*, campaign, person: Person | None, unit: Unit | None):
    """The latest extension granted to this participant in this campaign, or None."""
    extensions = PersonalDeadline.objects.filter(campaign=campaign)
    extensions = extensions.filter(person=person) if person is not None else extensions.filter(unit=unit)
    return extensions.order_by("-granted_at", "-pk").first()


def participant_closes_at(*, campaign, person=None, unit=None):
    """The last open second for this participant: the campaign's, or a later personal one."""
    extension = personal_deadline(campaign=campaign, person=person, unit=unit)
    if extension is not None and extension.closes_at > campaign.closes_at:
        return extension.closes_at
    return campaign.closes_at


def accepts_entries(*, campaign, person=None, unit=None, moment) -> bool:
    """Whether the participant may create, edit or submit entries at ``moment`` (to the second)."""
    state_open = campaign.is_open_at(moment)
    if state_open:
        return True
    if campaign.status != CampaignStatus.LAUNCHED or moment < campaign.opens_at:
        return False
    closes_at = participant_closes_at(campaign=campaign, person=person, unit=unit)
    return moment < closes_at.replace(microsecond=0) + timedelta(seconds=1)

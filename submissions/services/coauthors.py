"""Co-authors confirm or decline being named on an entry.

A person named as co-author of an entry that is not theirs is only a name until they confirm:
for a council member, the confirmed co-authorship is what keeps them from judging the entry
(an entrant cannot choose their judges by naming them).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from criteria.models import CouncilMember
from submissions.enums import EntryAction, EntryStatus
from submissions.models import CoauthorConfirmation, Entry, EntryEvent
from submissions.services.scoring import end_conflicted_assignments


def _named_coauthor(*, entry, by):
    """The entry, locked, and the caller's person, who must be named as one of its co-authors."""
    entry = Entry.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=entry.pk)
    person = entry.coauthors.filter(user=by).first()
    if person is None:
        raise PermissionDenied
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError(_("Bài đã rút."))
    return entry, person


def confirm_coauthorship(*, entry, by) -> bool:
    """The named co-author confirms taking part; returns False if they had confirmed already.

    Side effects: the confirmation is stored and added to the entry's timeline; if the
    co-author sits on the campaign's council, the conflict applies from now on and any
    assignment of theirs on the entry ends (see ``scoring.end_conflicted_assignments``).
    """
    with transaction.atomic():
        entry, person = _named_coauthor(entry=entry, by=by)
        _confirmation, created = CoauthorConfirmation.objects.get_or_create(entry=entry, person=person)
        if not created:
            return False
        EntryEvent.objects.create(entry=entry, action=EntryAction.COAUTHOR_CONFIRMED, actor=by, note=person.full_name)
        for member in CouncilMember.objects.filter(campaign=entry.campaign, person=person):
            end_conflicted_assignments(member=member, by=by)
    return True


def decline_coauthorship(*, entry, by) -> None:
    """The named co-author says they did not take part: they are no longer a co-author.

    Side effects: the person is taken off the entry's co-authors (and any confirmation of
    theirs removed); the refusal is added to the entry's timeline with their name.
    """
    with transaction.atomic():
        entry, person = _named_coauthor(entry=entry, by=by)
        entry.coauthors.remove(person)
        CoauthorConfirmation.objects.filter(entry=entry, person=person).delete()
        EntryEvent.objects.create(entry=entry, action=EntryAction.COAUTHOR_DECLINED, actor=by, note=person.full_name)

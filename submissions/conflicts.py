"""Conflicts of interest: which entries a council member must not judge (reads only).

Automatic: entries of the member's own unit and its sub-units (collective entries, and entries
of people in those units), the member's own entries and the entries they confirmed they co-authored.
Declared: entries of a declared unit (and its sub-units) or of a declared person.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from campaigns.models import Unit
from campaigns.participants import Participant
from criteria.models import DeclaredConflict


def _subtrees(unit_ids: set[int], children: dict) -> set[int]:
    found, stack = set(), list(unit_ids)
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


@dataclass
class MemberConflicts:
    member_id: int
    person_id: int
    user_id: int | None
    own_units: set[int]
    declared_units: dict[int, str]  # unit id -> reason
    declared_people: dict[int, str]  # person id -> reason

    def reason(self, *, participant: Participant, participant_unit_id: int, created_by_id, coauthor_ids) -> str | None:
        """Why the member may not judge an entry with these facts, or None.

        ``participant_unit_id`` is the participant's unit: the unit itself, or the person's unit.
        """
        person_id = participant.person_id
        if person_id == self.person_id or (self.user_id and created_by_id == self.user_id):
            return _("Đây là bài của chính thành viên.")
        if self.person_id in coauthor_ids:
            return _("Thành viên là đồng tác giả của bài.")
        if participant_unit_id in self.own_units:
            return _("Bài thuộc đơn vị của thành viên (hoặc đơn vị trực thuộc).")
        if person_id in self.declared_people:
            return _("Xung đột lợi ích đã khai: %(reason)s") % {"reason": self.declared_people[person_id]}
        if participant_unit_id in self.declared_units:
            return _("Xung đột lợi ích đã khai: %(reason)s") % {"reason": self.declared_units[participant_unit_id]}
        return None

    def reason_for(self, entry, coauthor_ids=None) -> str | None:
        """``coauthor_ids``: the co-authors who confirmed; read from the entry when not given.

        A co-author who has not confirmed yet does not conflict: an entrant cannot choose who
        may not judge them by naming council members.
        """
        if coauthor_ids is None:
            coauthor_ids = confirmed_coauthor_ids(entry)
        return self.reason(
            participant=entry.participant_key,
            participant_unit_id=entry.participant_unit_id,
            created_by_id=entry.created_by_id,
            coauthor_ids=coauthor_ids,
        )


def confirmed_coauthor_ids(entry) -> set[int]:
    """The people who confirmed their co-authorship of the entry (prefetch ``coauthor_confirmations``)."""
    return {c.person_id for c in entry.coauthor_confirmations.all()}


def conflicts_of(members) -> dict[int, MemberConflicts]:
    """The conflicts of several council members of one agency, from three queries in all."""
    members = list(members)
    if not members:
        return {}
    agency_ids = {m.person.unit.agency_id for m in members}
    children: dict = {}
    for pk, parent_id in Unit.objects.filter(agency_id__in=agency_ids).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    declared: dict[int, list] = {}
    for conflict in DeclaredConflict.objects.filter(member__in=members):
        declared.setdefault(conflict.member_id, []).append(conflict)
    result = {}
    for member in members:
        mine = declared.get(member.pk, [])
        declared_units: dict[int, str] = {}
        for conflict in mine:
            if conflict.unit_id:
                for unit_id in _subtrees({conflict.unit_id}, children):
                    declared_units.setdefault(unit_id, conflict.reason)
        result[member.pk] = MemberConflicts(
            member_id=member.pk,
            person_id=member.person_id,
            user_id=member.person.user_id,
            own_units=_subtrees({member.person.unit_id}, children),
            declared_units=declared_units,
            declared_people={c.person_id: c.reason for c in mine if c.person_id},
        )
    return result

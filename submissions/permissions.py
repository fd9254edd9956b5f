"""Who may do what with entries. Reads go through ``queries.entries_visible_to``."""

from campaigns.enums import Role
from campaigns.permissions import has_role
from submissions.enums import EntryStatus


def is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARY, Role.ADMINISTRATOR)


def sees_every_entry(user) -> bool:
    """Secretaries, leaders and administrators read every entry that has been submitted."""
    return has_role(user, Role.SECRETARY, Role.LEADER, Role.ADMINISTRATOR)


def sees_member_scores(user, *, scored: bool, conflicted: bool) -> bool:
    """Whether the user may read one entry's per-member points and score history, with the members'
    names (DESIGN.md rule 3, issue 13): the secretary and leaders always; a council member only for
    an entry they have scored in full and are not conflicted on; anyone else never (aggregates only:
    mean, median, spread, number of members). ``queries.entries_with_named_scores`` applies it to
    entries; every page, chart, export and admin list that shows scores asks one or the other."""
    if sees_every_member_score(user):
        return True
    return has_role(user, Role.COUNCIL_MEMBER) and scored and not conflicted


def sees_every_member_score(user) -> bool:
    """The secretary and leaders read every member's points by name, with the history."""
    return has_role(user, Role.SECRETARY, Role.LEADER)


def is_author(user, entry) -> bool:
    """The author: who created it, the person it belongs to, or the head of the unit it belongs to."""
    if entry.created_by_id == user.pk:
        return True
    if entry.person_id:
        return entry.person.user_id == user.pk
    return entry.unit.head_id is not None and entry.unit.head.user_id == user.pk


def heads_unit_of(user, entry) -> bool:
    """The user heads the unit of the entry's person (the one who endorses staff entries)."""
    return bool(entry.person_id and entry.person.unit.head_id and entry.person.unit.head.user_id == user.pk)


def can_edit(user, entry) -> bool:
    return entry.status in EntryStatus.EDITABLE and is_author(user, entry)


def can_withdraw(user, entry) -> bool:
    return entry.status in EntryStatus.WITHDRAWABLE and is_author(user, entry)


def can_return(user, entry) -> bool:
    if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.ENDORSED):
        return False
    if is_secretariat(user):
        return True
    return entry.campaign.endorsement_required and entry.status == EntryStatus.SUBMITTED and heads_unit_of(user, entry)


def can_endorse(user, entry) -> bool:
    return entry.campaign.endorsement_required and entry.status == EntryStatus.SUBMITTED and heads_unit_of(user, entry)

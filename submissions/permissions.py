"""Who may do what with entries and scores (the rules are explained in campaigns.permissions).
Reads go through ``queries.entries_visible_to``."""

import rules

from campaigns.permissions import (
    grant,
    is_administrator,
    is_council_member,
    is_leader,
    is_secretariat,
    is_secretary,
    is_staff_member,
    is_unit_head,
)
from submissions.enums import EntryStatus

# Secretaries, leaders and administrators read every entry that has been submitted.
sees_every_entry = is_secretary | is_leader | is_administrator
# The secretary and leaders read every member's points by name, with the history.
sees_every_member_score = is_secretary | is_leader
# Staff and unit heads write entries of their own (the navigation's "my entries").
writes_entries = is_staff_member | is_unit_head


def sees_member_scores(user, *, scored: bool, conflicted: bool) -> bool:
    """Whether the user may read one entry's per-member points and score history, with the members'
    names (DESIGN.md rule 3, issue 13): the secretary and leaders always; a council member only for
    an entry they have scored in full and are not conflicted on; anyone else never (aggregates only:
    mean, median, spread, number of members). ``queries.entries_with_named_scores`` applies it to
    entries; every page, chart, export and admin list that shows scores asks one or the other."""
    if sees_every_member_score(user):
        return True
    return is_council_member(user) and scored and not conflicted


@rules.predicate
def is_author(user, entry) -> bool:
    """The author: who created it, the person it belongs to, or the head of the unit it belongs to."""
    if entry.created_by_id == user.pk:
        return True
    if entry.person_id:
        return entry.person.user_id == user.pk
    return entry.unit.head_id is not None and entry.unit.head.user_id == user.pk


@rules.predicate
def heads_unit_of(user, entry) -> bool:
    """The user heads the unit of the entry's person (the one who endorses staff entries)."""
    return bool(entry.person_id and entry.person.unit.head_id and entry.person.unit.head.user_id == user.pk)


@rules.predicate
def can_edit(user, entry) -> bool:
    return entry.status in EntryStatus.EDITABLE and is_author(user, entry)


@rules.predicate
def can_withdraw(user, entry) -> bool:
    return entry.status in EntryStatus.WITHDRAWABLE and is_author(user, entry)


@rules.predicate
def can_return(user, entry) -> bool:
    if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.ENDORSED):
        return False
    if is_secretariat(user):
        return True
    return entry.campaign.endorsement_required and entry.status == EntryStatus.SUBMITTED and heads_unit_of(user, entry)


@rules.predicate
def can_endorse(user, entry) -> bool:
    return entry.campaign.endorsement_required and entry.status == EntryStatus.SUBMITTED and heads_unit_of(user, entry)


# Entries are written on the staff pages; in the admin the secretariat reads and corrects them.
grant("submissions.entry", view=sees_every_entry, change=is_secretary)
grant("submissions.attachment", view=is_secretary | is_leader)
grant("submissions.entryevent", view=is_secretary | is_leader)
grant("submissions.personaldeadline", view=is_secretariat, add=is_secretary)
# Members see their own assignments (the admin's list narrows it), the secretary makes them.
grant("submissions.assignment", view=is_council_member | is_secretary, add=is_secretary)
grant("submissions.scorechange", view=sees_every_member_score)
rules.add_perm("submissions.write_entries", writes_entries)

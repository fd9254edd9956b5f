"""Reads of entries, scoped to what each user may see."""

import difflib
import re
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, F, OuterRef, Q

from criteria.models import CouncilMember, Criterion
from registrations.queries import entry_unregistered
from submissions.conflicts import conflicts_of
from submissions.enums import EntryStatus
from submissions.models import Assignment, Attachment, CoauthorConfirmation, Entry, EntryResult, Score
from submissions.permissions import sees_every_entry, sees_every_member_score, sees_member_scores


def authored_by(user) -> Q:
    """Entries the user is the author of: created, the participant, or the head of the unit competing."""
    return Q(created_by=user) | Q(person__user=user) | Q(unit__head__user=user)


def entries_visible_to(user):
    """Entries the user may open; any other entry is a 404 for them.

    Authors see their own (drafts included); the participant person and co-authors see theirs;
    a unit head sees the submitted entries of the unit and its staff; the secretariat and
    leaders see every submitted entry.
    """
    if not user.is_authenticated:
        return Entry.objects.none()
    own = authored_by(user)
    if sees_every_entry(user):
        return Entry.objects.filter(own | ~Q(status=EntryStatus.DRAFT))
    submitted = ~Q(status=EntryStatus.DRAFT)
    related = Q(coauthors__user=user) | Q(person__unit__head__user=user)
    ids = Entry.objects.filter(own | (submitted & related)).values("pk")
    return Entry.objects.filter(pk__in=ids)


def entry_page_queryset(user):
    """Visible entries with what their pages show, ``unregistered`` included (registration required, not made)."""
    return (
        entries_visible_to(user)
        .select_related("campaign", "area", "person__unit__head", "unit__head", "created_by")
        .annotate(unregistered=entry_unregistered())
    )


def my_entries(user):
    """The entries the user is the author of, newest first, with what the list shows."""
    return (
        Entry.objects.filter(authored_by(user))
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


def coauthor_pending(user, entry) -> bool:
    """The user is named as a co-author of the entry and has not confirmed it yet (``coauthors`` prefetched)."""
    person = next((p for p in entry.coauthors.all() if p.user_id == user.pk), None)
    return person is not None and not entry.coauthor_confirmations.filter(person=person).exists()


def coauthor_requests(user):
    """Entries in which the user, a council member of their campaign, is named co-author and has not confirmed."""
    return (
        Entry.objects.filter(coauthors__user=user, campaign__council__person__user=user)
        .exclude(status__in=[EntryStatus.DRAFT, EntryStatus.WITHDRAWN])
        .exclude(coauthor_confirmations__person__user=user)
        .order_by("code", "pk")
        .distinct()
    )


def pending_coauthor_conflicts(campaign) -> list[tuple]:
    """(entry code, entry title, member name) for every council member named co-author of an entry
    of the campaign who has not confirmed: the conflict waits for their confirmation."""
    members = CouncilMember.objects.filter(campaign=campaign)
    rows = (
        Entry.coauthors.through.objects.filter(entry__campaign=campaign, person__in=members.values("person"))
        .exclude(entry__status__in=[EntryStatus.DRAFT, EntryStatus.WITHDRAWN])
        .filter(~Exists(CoauthorConfirmation.objects.filter(entry=OuterRef("entry"), person=OuterRef("person"))))
        .order_by("entry__code", "person__full_name")
        .values_list("entry__code", "entry__title", "person__full_name")
    )
    return list(rows)


def current_attachments(entry):
    return entry.attachments.filter(removed_at__isnull=True).order_by("uploaded_at", "pk")


def attachment_for(user, code):
    """The current attachment with this code if the user may download it (else DoesNotExist): its
    entry is visible to them, or they are a council member assigned to score it and not conflicted."""
    attachment = (
        Attachment.objects.select_related("entry__person")
        .annotate(sees_entry=Exists(entries_visible_to(user).filter(pk=OuterRef("entry_id"))))
        .get(code=code, removed_at__isnull=True)
    )
    if attachment.sees_entry or assignment_to_score(user, attachment.entry) is not None:
        return attachment
    raise Attachment.DoesNotExist


def assignment_to_score(user, entry):
    """The user's assignment to score this submitted entry, unless they are conflicted on it; else None."""
    if not user.is_authenticated or entry.status in (EntryStatus.DRAFT, EntryStatus.WITHDRAWN):
        return None
    assignment = (
        Assignment.objects.filter(entry=entry, member__person__user=user).select_related("member__person__unit").first()
    )
    if assignment is None or conflicts_of([assignment.member])[assignment.member_id].reason_for(entry):
        return None
    return assignment


# --- Scoring -------------------------------------------------------------------------------


def desk_progress(user, campaign_id=None) -> tuple[int, int]:
    """(scored, assigned) for the member, across campaigns or in one."""
    assignments = Assignment.objects.filter(member__person__user=user)
    if campaign_id:
        assignments = assignments.filter(member__campaign_id=campaign_id)
    counts = assignments.aggregate(total=Count("pk"), done=Count("pk", filter=Q(completed_at__isnull=False)))
    return counts["done"], counts["total"]


def next_unscored(user, after=None):
    """The member's next assignment that is not scored yet (in code order), or None."""
    pending = Assignment.objects.filter(member__person__user=user, completed_at__isnull=True).order_by(
        "entry__code", "pk"
    )
    if after is not None:
        pending = pending.exclude(pk=after.pk)
    return pending.first()


def scoring_sheet(assignment):
    """Everything the scoring form shows, in a fixed number of queries."""
    entry = assignment.entry
    own = {s.criterion_id: s for s in Score.objects.filter(entry=entry, member=assignment.member)}
    return {
        "self_scores": {s.criterion_id: s.points for s in entry.self_scores.all()},
        "attachments": list(current_attachments(entry)),
        "own_scores": own,
    }


def entries_with_named_scores(user, entries) -> set[int]:
    """The ids of ``entries`` whose per-member points and history the user may read by name
    (``permissions.sees_member_scores``): every one for the secretary and leaders, none for staff;
    for a council member, those they have scored in full and are not conflicted on. No query for
    the first two; for a member at most four (their assignments among the entries, those entries'
    confirmed co-authors, the unit tree, their declared conflicts), whatever the number of entries."""
    entries = list(entries)
    if sees_every_member_score(user):
        return {entry.pk for entry in entries}
    if not entries or not sees_member_scores(user, scored=True, conflicted=False):
        return set()
    assigned = list(
        Assignment.objects.filter(entry__in=entries, member__person__user=user)
        .select_related("entry__person", "member__person__unit")
        .prefetch_related("entry__coauthor_confirmations")  # only confirmed co-authors conflict
    )
    conflicts = conflicts_of({a.member_id: a.member for a in assigned}.values())
    return {
        a.entry_id
        for a in assigned
        if sees_member_scores(
            user,
            scored=a.completed_at is not None,
            conflicted=bool(conflicts[a.member_id].reason_for(a.entry)),
        )
    }


def others_scores(assignment, criteria) -> list[tuple[str, list]]:
    """Other members' points for the entry, one (name, [points per criterion]) row per member."""
    rows = (
        Score.objects.filter(entry_id=assignment.entry_id)
        .exclude(member_id=assignment.member_id)
        .select_related("member__person")
        .order_by("member__person__full_name", "member_id")
    )
    by_member: dict = {}
    for score in rows:
        by_member.setdefault(score.member.person.full_name, {})[score.criterion_id] = score.points
    return [(name, [points.get(c.pk) for c in criteria]) for name, points in by_member.items()]


def campaign_progress(campaign):
    """Per member: assigned and scored counts; per entry still missing scores: who is missing; and
    how many submitted entries nobody has been assigned yet."""
    members = (
        CouncilMember.objects.filter(campaign=campaign)
        .select_related("person")
        .annotate(
            assigned=Count("assignments"),
            scored=Count("assignments", filter=Q(assignments__completed_at__isnull=False)),
        )
        .annotate(remaining=F("assigned") - F("scored"))
        .order_by("person__full_name", "pk")
    )
    missing = (
        Assignment.objects.filter(entry__campaign=campaign, completed_at__isnull=True)
        .select_related("entry", "member__person")
        .order_by("entry__code", "member__person__full_name")
    )
    unassigned = Entry.objects.filter(
        campaign=campaign, status__in=[EntryStatus.SUBMITTED, EntryStatus.ENDORSED], assignments__isnull=True
    ).count()
    return list(members), list(missing), unassigned


def score_breakdown(entry):
    """The entry's aggregated points per criterion and its total, once results are final."""
    result = EntryResult.objects.filter(entry=entry).first()
    if result is None or result.total is None:
        return None
    criteria = Criterion.objects.filter(pk__in=[int(pk) for pk in result.criterion_points]).order_by("order", "code")
    lines = [(c, Decimal(result.criterion_points[str(c.pk)])) for c in criteria]
    return {"result": result, "lines": lines}


def status_counts(user) -> list[tuple[str, int]]:
    """How many of the user's entries are in each state, in the lifecycle's order."""
    counts = dict(
        Entry.objects.filter(authored_by(user)).values_list("status").annotate(n=Count("pk", distinct=True)).order_by()
    )
    return [(label, counts[value]) for value, label in EntryStatus.choices if counts.get(value)]


def timeline(entry) -> list[dict]:
    """The entry's history with changed fields named as the form names them, old and new values."""
    return [{"event": event, "changes": event_changes(event)} for event in entry.events.select_related("actor")]


def event_changes(event) -> list[tuple[str, list]]:
    """(field name as the form names it, changed-word pieces) for each field an edit changed."""
    changes = []
    for name, (old, new) in event.changes.items():
        try:
            label = Entry._meta.get_field(name).verbose_name
        except FieldDoesNotExist:  # a field that no longer exists keeps its stored name
            label = name
        changes.append((str(label).capitalize(), changed_words(old, new)))
    return changes


CONTEXT_WORDS = 6  # unchanged words kept on each side of a change; longer runs are cut to "…"


def changed_words(old, new) -> list[tuple[str, str]]:
    """Old and new text as ("same" | "old" | "new", text) pieces, word by word, so the change shows."""
    before, after = re.findall(r"\S+|\s+", str(old or "")), re.findall(r"\S+|\s+", str(new or ""))
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            same = before[i1:i2]
            keep = CONTEXT_WORDS * 2  # words and the spaces between them
            if len(same) > 2 * keep + 1:
                head = same[:keep] if pieces else []
                tail = same[-keep:] if i2 < len(before) else []
                same = [*head, "… ", *tail]
            pieces.append(("same", "".join(same)))
            continue
        if i2 > i1:
            pieces.append(("old", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("new", "".join(after[j1:j2])))
    return pieces


def unscored_assignment_count(user) -> int:
    """How many entries given to the user to score they have not finished, while scores may change."""
    return Assignment.objects.filter(
        member__person__user=user, completed_at__isnull=True, entry__campaign__scores_locked_at__isnull=True
    ).count()

"""The council's writes: assignments, scores and the entry results kept current from them."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from common.formatting import points as points_text
from criteria.models import CouncilMember, DeclaredConflict
from criteria.queries import applicable_criteria, campaign_criteria, criteria_applying
from submissions.aggregation import aggregate, complete_members
from submissions.conflicts import confirmed_coauthor_ids, conflicts_of
from submissions.enums import EntryStatus
from submissions.models import Assignment, Entry, EntryResult, Score, ScoreChange
from submissions.validators import points_error

ASSIGNABLE = (EntryStatus.SUBMITTED, EntryStatus.ENDORSED, EntryStatus.UNDER_REVIEW, EntryStatus.SCORED)


def _ensure_scores_open(campaign: Campaign) -> None:
    if campaign.scores_locked_at is not None:
        raise ValidationError(_("Danh sách khen thưởng đã được phê duyệt nên điểm đã khóa."))


def check_assignment(*, entry: Entry, member: CouncilMember) -> None:
    """Refuse, on the field at fault, an assignment that may not be made."""
    _ensure_scores_open(entry.campaign)
    if member.campaign_id != entry.campaign_id:
        raise ValidationError({"member": _("Thành viên không thuộc Hội đồng của phong trào này.")})
    if entry.status not in ASSIGNABLE:
        raise ValidationError(
            {"entry": _("Bài ở trạng thái “%(s)s” chưa thể phân công chấm.") % {"s": entry.get_status_display()}}
        )
    member = CouncilMember.objects.select_related("person__unit").get(pk=member.pk)
    reason = conflicts_of([member])[member.pk].reason_for(entry)
    if reason:
        raise ValidationError({"member": _("Không phân công được: %(reason)s") % {"reason": reason}})


@transaction.atomic
def assign_entry(*, entry: Entry, member: CouncilMember, by) -> Assignment:
    """Give an entry to a member to score; refused, with the reason, for a conflict of interest."""
    entry = Entry.objects.select_for_update(of=("self",)).select_related("campaign", "person").get(pk=entry.pk)
    check_assignment(entry=entry, member=member)
    assignment, _created = Assignment.objects.get_or_create(entry=entry, member=member, defaults={"assigned_by": by})
    if entry.status in (EntryStatus.SUBMITTED, EntryStatus.ENDORSED):
        entry.status = EntryStatus.UNDER_REVIEW
        entry.save(update_fields=["status", "updated_at"])
    refresh_entry_result(entry=entry)
    return assignment


@dataclass
class AutoAssignReport:
    """What automatic assignment did: how many assignments it made, and each entry it could not staff."""

    created: int = 0
    short: list[tuple[Entry, str]] = field(default_factory=list)  # (entry, why), in the order entries were staffed


@transaction.atomic
def auto_assign(*, campaign: Campaign, per_entry: int, by) -> AutoAssignReport:
    """Give every entry waiting for review to ``per_entry`` members, keeping loads even.

    A member never gets an entry they conflict with; an entry that already has members keeps
    them and gets only the missing ones. Deterministic: the least loaded member first, then the
    lowest id. Reports the number of new assignments and every entry left with fewer than
    ``per_entry`` (or, when the quorum is higher, fewer than the quorum of) members, with the reason.
    """
    _ensure_scores_open(campaign)
    if per_entry < 1:
        raise ValidationError({"per_entry": _("Mỗi bài cần ít nhất 1 thành viên chấm.")})
    members = list(CouncilMember.objects.filter(campaign=campaign).select_related("person__unit").order_by("pk"))
    if not members:
        raise ValidationError(_("Phong trào chưa có thành viên Hội đồng."))
    conflicts = conflicts_of(members)
    load = defaultdict(int)
    for member_id, count in (
        Assignment.objects.filter(member__campaign=campaign).values_list("member_id").annotate(n=Count("pk"))
    ):
        load[member_id] = count
    existing = defaultdict(set)
    for entry_id, member_id in Assignment.objects.filter(entry__campaign=campaign).values_list("entry_id", "member_id"):
        existing[entry_id].add(member_id)
    entries = list(
        Entry.objects.filter(campaign=campaign, status__in=ASSIGNABLE)
        .select_related("person")
        .prefetch_related("coauthor_confirmations")
        .order_by("submitted_at", "pk")
    )
    needed = max(per_entry, campaign.quorum)
    new, report = [], AutoAssignReport()
    for entry in entries:
        have = existing[entry.pk]
        coauthors = confirmed_coauthor_ids(entry)
        free = [m for m in members if not conflicts[m.pk].reason_for(entry, coauthors)]
        candidates = sorted((m for m in free if m.pk not in have), key=lambda m: (load[m.pk], m.pk))
        for member in candidates[: max(per_entry - len(have), 0)]:
            new.append(Assignment(entry=entry, member=member, assigned_by=by))
            load[member.pk] += 1
            have.add(member.pk)
        if len(have) < needed:
            if len(free) < needed:
                why = _("chỉ có %(free)d thành viên không xung đột lợi ích với bài, cần %(needed)d") % {
                    "free": len(free),
                    "needed": needed,
                }
            else:
                why = _("mới phân công %(have)d thành viên, cần %(needed)d để đủ số thành viên tối thiểu") % {
                    "have": len(have),
                    "needed": needed,
                }
            report.short.append((entry, why))
    Assignment.objects.bulk_create(new)
    staffed = {a.entry_id for a in new}
    Entry.objects.filter(pk__in=staffed, status__in=(EntryStatus.SUBMITTED, EntryStatus.ENDORSED)).update(
        status=EntryStatus.UNDER_REVIEW, updated_at=timezone.now()
    )
    refresh_entry_results(campaign=campaign, entries=[entry for entry in entries if entry.pk in staffed])
    report.created = len(new)
    return report


def end_conflicted_assignments(*, member: CouncilMember, by) -> list[tuple[Entry, str]]:
    """End the member's assignments on every entry they now conflict with; returns (entry, reason) pairs.

    Side effects, for each such entry: the member's scores are deleted, so the result, the
    ranking and the quorum no longer count them, and each deletion is added to the score history
    with the reason (new points empty); the assignment is deleted, so the member's desk and the
    progress page no longer wait for it; the entry's result is recomputed (a scored entry that
    falls below the quorum is under review again). Refused once the scores are locked.
    """
    with transaction.atomic():
        member = CouncilMember.objects.select_related("person__unit", "campaign").get(pk=member.pk)
        conflicts = conflicts_of([member])[member.pk]
        assignments = (
            Assignment.objects.filter(member=member)
            .select_related("entry__person", "entry__campaign", "entry__area")
            .prefetch_related("entry__coauthor_confirmations")
            .order_by("entry__code", "pk")
        )
        touched = [(a, reason) for a in assignments if (reason := conflicts.reason_for(a.entry))]
        if not touched:
            return []
        _ensure_scores_open(member.campaign)
        locked = {e.pk: e for e in Entry.objects.select_for_update().filter(pk__in=[a.entry_id for a, _r in touched])}
        reasons = {assignment.entry_id: reason for assignment, reason in touched}
        order = {entry_id: index for index, entry_id in enumerate(reasons)}  # the history lists entries in code order
        scores = sorted(Score.objects.filter(entry__in=reasons, member=member), key=lambda s: (order[s.entry_id], s.pk))
        ScoreChange.objects.bulk_create(
            ScoreChange(
                entry_id=score.entry_id,
                criterion_id=score.criterion_id,
                member=member,
                old_points=score.points,
                new_points=None,
                note=_("Điểm bị loại khỏi kết quả: %(reason)s") % {"reason": reasons[score.entry_id]},
                changed_by=by,
            )
            for score in scores
        )
        Score.objects.filter(pk__in=[score.pk for score in scores]).delete()
        Assignment.objects.filter(pk__in=[assignment.pk for assignment, _r in touched]).delete()
        ended = []
        for assignment, reason in touched:
            entry = assignment.entry
            entry.status = locked[entry.pk].status
            ended.append((entry, reason))
        refresh_entry_results(campaign=member.campaign, entries=[entry for entry, _r in ended])
    return ended


@transaction.atomic
def declare_conflict(*, conflict: DeclaredConflict, by) -> list[tuple[Entry, str]]:
    """Save a member's declared conflict of interest (new or changed) and apply it at once.

    Side effects: those of ``end_conflicted_assignments`` for every entry the conflict now
    touches; returns the (entry, reason) pairs whose assignment ended, for the secretary to
    assign a replacement.
    """
    conflict.full_clean()
    conflict.save()
    return end_conflicted_assignments(member=conflict.member, by=by)


def _validate_points(*, criteria, points: dict, step: Decimal) -> dict:
    errors = {}
    for criterion in criteria:
        value = points.get(criterion.pk)
        key = f"points_{criterion.pk}"
        if value is None:
            errors[key] = _("Hãy chấm tiêu chí này (từ 0 đến %(max)s).") % {"max": points_text(criterion.max_points)}
        elif error := points_error(value, maximum=criterion.max_points, step=step):
            errors[key] = error
    return errors


def record_scores(
    *, assignment: Assignment, by, points: dict, comments: dict | None = None, overall: str = ""
) -> Assignment:
    """Save a member's points for every applicable criterion of an entry: all of them or none.

    ``points`` and ``comments`` are keyed by criterion id. Each change is added to the score
    history; the entry's result is recomputed in the same transaction. Entries are locked one
    at a time, so two members saving at once both keep their scores.
    """
    comments = comments or {}
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update(of=("self",)).select_related("campaign", "area").get(pk=assignment.entry_id)
        )
        campaign = entry.campaign
        _ensure_scores_open(campaign)
        assignment = Assignment.objects.select_related("member__person__unit").get(pk=assignment.pk)
        member = assignment.member
        if member.person.user_id != by.pk:
            raise ValidationError(_("Chỉ thành viên được phân công mới chấm được bài này."))
        if conflicts_of([member])[member.pk].reason_for(entry):
            raise ValidationError(_("Thành viên có xung đột lợi ích với bài này nên không được chấm."))
        criteria = applicable_criteria(campaign=campaign, area=entry.area, kind=entry.participant_kind)
        errors = _validate_points(criteria=criteria, points=points, step=campaign.score_step)
        if errors:
            raise ValidationError(errors)
        existing = {s.criterion_id: s for s in Score.objects.filter(entry=entry, member=member)}
        changes = []
        for criterion in criteria:
            value, comment = points[criterion.pk], (comments.get(criterion.pk) or "").strip()
            score = existing.get(criterion.pk)
            if score is None:
                Score.objects.create(entry=entry, criterion=criterion, member=member, points=value, comment=comment)
            elif score.points != value or score.comment != comment:
                Score.objects.filter(pk=score.pk).update(points=value, comment=comment, updated_at=timezone.now())
            if score is None or score.points != value:
                changes.append(
                    ScoreChange(
                        entry=entry,
                        criterion=criterion,
                        member=member,
                        old_points=score.points if score else None,
                        new_points=value,
                        changed_by=by,
                    )
                )
        ScoreChange.objects.bulk_create(changes)
        assignment.comment = overall.strip()
        assignment.completed_at = assignment.completed_at or timezone.now()
        assignment.save(update_fields=["comment", "completed_at"])
        Campaign.objects.filter(pk=campaign.pk, scoring_started_at__isnull=True).update(
            scoring_started_at=timezone.now()
        )
        refresh_entry_result(entry=entry)
    return assignment


RESULT_FIELDS = ["campaign", "total", "criterion_points", "complete_members", "assigned_members", "counted"]


def refresh_entry_result(*, entry: Entry) -> EntryResult:
    """Recompute an entry's aggregated score from its scores (a handful of rows) and store it."""
    return refresh_entry_results(campaign=entry.campaign, entries=[entry])[entry.pk]


def refresh_entry_results(*, campaign: Campaign, entries) -> dict[int, EntryResult]:
    """Recompute and store the results of entries of ``campaign``; returns them by entry id.

    Side effects: each entry's ``EntryResult`` is written (one statement for all), and an entry
    under review that now counts is scored, a scored one that no longer counts is under review
    again (judged on the ``status`` the given objects carry). A fixed number of queries, whatever
    the number of entries: the criteria, the scores, the assignment counts, the results, the statuses.
    """
    entries = list(entries)
    if not entries:
        return {}
    ids = [entry.pk for entry in entries]
    criteria = list(campaign_criteria(campaign))
    sheets = defaultdict(lambda: defaultdict(dict))  # entry id -> member id -> criterion id -> points
    for entry_id, member_id, criterion_id, points in Score.objects.filter(entry__in=ids).values_list(
        "entry_id", "member_id", "criterion_id", "points"
    ):
        sheets[entry_id][member_id][criterion_id] = points
    assigned = dict(Assignment.objects.filter(entry__in=ids).order_by().values_list("entry_id").annotate(n=Count("pk")))
    results = {
        entry.pk: _entry_result(
            campaign,
            entry,
            criteria_applying(criteria, area_id=entry.area_id, kind=entry.participant_kind),
            sheets[entry.pk],
            assigned.get(entry.pk, 0),
        )
        for entry in entries
    }
    EntryResult.objects.bulk_create(
        results.values(),
        update_conflicts=True,
        unique_fields=["entry"],
        update_fields=[*RESULT_FIELDS, "updated_at"],
    )
    now_counted = [e.pk for e in entries if results[e.pk].counted and e.status == EntryStatus.UNDER_REVIEW]
    if now_counted:
        Entry.objects.filter(pk__in=now_counted).update(status=EntryStatus.SCORED)
    # A score was taken out of the result:
    no_longer = [e.pk for e in entries if not results[e.pk].counted and e.status == EntryStatus.SCORED]
    if no_longer:
        Entry.objects.filter(pk__in=no_longer).update(status=EntryStatus.UNDER_REVIEW)
    return results


def _entry_result(campaign: Campaign, entry: Entry, criteria, by_member: dict, assigned: int) -> EntryResult:
    """An entry's result from its members' sheets (member id -> criterion id -> points)."""
    complete = [by_member[member_id] for member_id in complete_members(by_member, [c.pk for c in criteria])]
    criterion_points, total = {}, None
    if complete:
        for criterion in criteria:
            criterion_points[str(criterion.pk)] = str(
                aggregate([s[criterion.pk] for s in complete], campaign.aggregation)
            )
        total = sum((Decimal(v) for v in criterion_points.values()), Decimal(0))
    return EntryResult(
        entry=entry,
        campaign=campaign,
        total=total,
        criterion_points=criterion_points,
        complete_members=len(complete),
        assigned_members=assigned,
        counted=len(complete) >= campaign.quorum,
    )

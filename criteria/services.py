"""Writes and rules for a campaign's configuration: criteria sets, cloning, locking."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import CampaignState, CampaignStatus, ParticipantKind
from campaigns.models import Campaign, ReformArea
from common.formatting import points
from criteria.models import AwardForm, CouncilMember, Criterion, DeclaredConflict, criterion_applies


@dataclass(frozen=True)
class CriterionSpec:
    """What the sum check needs of one criterion, whether it is saved yet or still in a form."""

    code: str
    max_points: Decimal
    area_keys: frozenset = field(default_factory=frozenset)  # empty: every area
    for_collectives: bool = True
    for_individuals: bool = True

    @classmethod
    def of(cls, criterion: Criterion, area_keys) -> "CriterionSpec":
        return cls(
            criterion.code,
            criterion.max_points,
            frozenset(area_keys),
            criterion.for_collectives,
            criterion.for_individuals,
        )

    def applies_to(self, *, area_key, kind: str) -> bool:
        return criterion_applies(
            for_collectives=self.for_collectives,
            for_individuals=self.for_individuals,
            area_keys=self.area_keys,
            area_key=area_key,
            kind=kind,
        )


def criteria_set_errors(*, scale: Decimal, areas: dict, criteria: list[CriterionSpec]) -> list[str]:
    """Say once per wrong total which (reform area, participant kind) sets do not add up to ``scale``.

    ``areas`` maps a key to the area's label; a campaign without areas has one set per kind. One
    wrong number usually puts every area off by the same gap: that is one sentence naming the
    areas (or "every area") and the kinds, not one per area and kind (issue 14, item 33).
    An empty criteria list is allowed (the secretary has not written it yet).
    """
    if not criteria:
        return []
    scale = Decimal(scale)
    # total -> {area key: [kinds off by it]}, both in the plan's order
    off: dict[Decimal, dict] = {}
    for key, _label in list(areas.items()) or [(None, None)]:
        for kind, _kind_label in ParticipantKind.choices:
            total = sum(
                (spec.max_points for spec in criteria if spec.applies_to(area_key=key, kind=kind)),
                Decimal(0),
            )
            if total != scale:
                off.setdefault(total, {}).setdefault(key, []).append(kind)
    errors = []
    for total, by_area in off.items():
        # One sentence per wrong total; within it, the areas off in the same kinds are named together.
        groups: dict[tuple, list] = {}
        for key, kinds in by_area.items():
            groups.setdefault(tuple(kinds), []).append(key)
        where = "; ".join(_where(areas, keys, kinds) for kinds, keys in groups.items())
        errors.append(_gap_message(where=where, total=total, scale=scale))
    return errors


def _where(areas: dict, keys: list, kinds: tuple) -> str:
    kinds_text = f" {_('và')} ".join(str(ParticipantKind(kind).label).lower() for kind in kinds)
    if not areas:
        return kinds_text[:1].upper() + kinds_text[1:]
    if len(keys) == len(areas) > 1:
        return _("Mọi nội dung thi đua (%(kinds)s)") % {"kinds": kinds_text}
    return f"{'; '.join(str(areas[key]) for key in keys)} ({kinds_text})"


def _gap_message(*, where: str, total: Decimal, scale: Decimal) -> str:
    gap = scale - total
    return _(
        "%(where)s: tổng điểm tối đa các tiêu chí là %(total)s, %(direction)s %(gap)s điểm so với thang %(scale)s."
    ) % {
        "where": where,
        "total": points(total),
        "direction": _("thiếu") if gap > 0 else _("thừa"),
        "gap": points(abs(gap)),
        "scale": points(scale),
    }


def check_saved_criteria_set(*, campaign: Campaign) -> None:
    """Raise a ValidationError naming the sets that are off, from what is in the database."""
    areas = {area.pk: str(area) for area in campaign.areas.all()}
    specs = [
        CriterionSpec.of(criterion, (area.pk for area in criterion.areas.all()))
        for criterion in campaign.criteria.prefetch_related("areas")
    ]
    errors = criteria_set_errors(scale=campaign.scale_total, areas=areas, criteria=specs)
    if errors:
        raise ValidationError(errors)


def lock_reason(campaign: Campaign, *, part: str, moment=None) -> str | None:
    """Why a part of the configuration ("scoring" or "all") can no longer change, or None."""
    if campaign.pk is None:
        return None
    moment = moment or timezone.now()
    if campaign.state_at(moment) == CampaignState.ENDED:
        return _("Phong trào đã kết thúc nên mọi thiết lập chỉ được xem, không được sửa.")
    if part == "scoring" and campaign.scoring_started_at is not None:
        return _(
            "Hội đồng đã bắt đầu chấm điểm nên tiêu chí, thang điểm, cách tổng hợp, số thành viên tối thiểu, "
            "cách phân định người bằng điểm và các hình thức khen thưởng (số lượng, điểm tối thiểu) không được sửa nữa."
        )
    return None


def check_seat_person(*, member: CouncilMember, person) -> None:
    """Refuse, on the person field, giving a seat that has scores (or score history) to another person.

    Scores and their history point to the seat, so a new person on it would put their name on
    scores they never gave; a new person takes a new seat.
    """
    if member.pk is None or person is None:
        return
    current = CouncilMember.objects.filter(pk=member.pk).values_list("person_id", flat=True).first()
    if current == person.pk:
        return
    if member.scores.exists() or member.score_changes.exists():
        raise ValidationError(
            {
                "person": _(
                    "Thành viên này đã chấm điểm nên không đổi được sang người khác; "
                    "hãy thêm người mới thành một thành viên mới."
                )
            }
        )


# Settings that decide what an entry's stored result is, and who is told apart on equal scores:
# frozen once the first score is saved, so a result is never computed under one rule and read
# under another. The award forms (quotas, minimums) freeze with them (``AwardFormInline``).
SCORING_FIELDS = ("scale_total", "score_step", "aggregation", "quorum", "tie_break")
COPIED_FIELDS = (
    "agency_id",
    "kind",
    "purpose",
    "requirements",
    "regulation",
    "scale_total",
    "score_step",
    "aggregation",
    "quorum",
    "participant_rule",
    "best_k",
    "tie_break",
    "blind_scoring",
    "endorsement_required",
    "posting_days",
    "unregistered_policy",
    "signer",
    "signer_title",
    "is_sample",
)


@transaction.atomic
def clone_campaign(
    *, source: Campaign, slug: str, plan_number: str, title: str, signed_on, opens_at, closes_at
) -> Campaign:
    """Start a new campaign from ``source``: its areas, criteria, award forms and council.

    Entries, scores and lists are never copied. The clone is a draft until it is launched.
    """
    clone = Campaign(
        slug=slug,
        plan_number=plan_number,
        title=title,
        signed_on=signed_on,
        opens_at=opens_at,
        closes_at=closes_at,
        status=CampaignStatus.DRAFT,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    clone.full_clean()
    clone.save()
    area_map = {}
    for area in source.areas.all():
        area_map[area.pk] = ReformArea.objects.create(
            campaign=clone, order=area.order, name=area.name, description=area.description
        )
    for criterion in source.criteria.prefetch_related("areas"):
        copy = Criterion.objects.create(
            campaign=clone,
            code=criterion.code,
            name=criterion.name,
            guidance=criterion.guidance,
            max_points=criterion.max_points,
            order=criterion.order,
            for_collectives=criterion.for_collectives,
            for_individuals=criterion.for_individuals,
        )
        copy.areas.set([area_map[area.pk] for area in criterion.areas.all()])
    AwardForm.objects.bulk_create(
        AwardForm(
            campaign=clone,
            name=form.name,
            recipient_kind=form.recipient_kind,
            precedence=form.precedence,
            min_score=form.min_score,
            quota_count=form.quota_count,
            quota_percent=form.quota_percent,
            kind=form.kind,
            deciding_level=form.deciding_level,
            requires_vote=form.requires_vote,
            vote_threshold=form.vote_threshold,
        )
        for form in source.award_forms.all()
    )
    for member in source.council.prefetch_related("conflicts"):
        seat = CouncilMember.objects.create(campaign=clone, person_id=member.person_id, role=member.role)
        DeclaredConflict.objects.bulk_create(
            DeclaredConflict(member=seat, unit_id=c.unit_id, person_id=c.person_id, reason=c.reason)
            for c in member.conflicts.all()
        )
    return clone

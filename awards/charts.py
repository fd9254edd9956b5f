"""Figures for the leaders' charts, each from one database aggregate, as horizontal bar data."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import Floor
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from campaigns.models import ReformArea, Unit
from criteria.models import CouncilMember
from submissions.models import Entry, EntryResult

BAR_HEIGHT = 22
LABEL_WIDTH = 260
BAR_WIDTH = 360


LABEL_CHARS = 34


@dataclass
class Bar:
    label: str
    value: float
    text: str
    y: int = 0
    width: int = 0

    @property
    def short_label(self) -> str:
        """The label cut to fit beside the bar; the full one is the SVG title (tooltip)."""
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1] + "…"


@dataclass
class Chart:
    title: str
    bars: list
    note: str = ""

    def __post_init__(self):
        top = max((b.value for b in self.bars), default=0) or 1
        for index, bar in enumerate(self.bars):
            bar.y = index * BAR_HEIGHT
            bar.width = round(BAR_WIDTH * bar.value / top)

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * BAR_HEIGHT

    label_width = LABEL_WIDTH
    bar_width = BAR_WIDTH


def _counted(campaign):
    return EntryResult.objects.filter(campaign=campaign, counted=True).exclude(entry__status="withdrawn")


def score_distribution(campaign) -> Chart:
    buckets = (
        _counted(campaign)
        .annotate(bucket=Floor(F("total") / 10))
        .values("bucket")
        .annotate(n=Count("pk"))
        .order_by("bucket")
    )
    last = int(campaign.scale_total) // 10 - 1  # the last band is closed: 90–100 takes a full 100
    counts: dict[int, int] = {}
    for b in buckets:
        band = min(int(b["bucket"]), last)
        counts[band] = counts.get(band, 0) + b["n"]
    bars = [
        Bar(f"{band * 10}–{band * 10 + 10}", counts.get(band, 0), str(counts.get(band, 0))) for band in range(last + 1)
    ]
    return Chart(_("Phân bố điểm bài (số bài theo khoảng điểm)"), bars)


def average_by_area(campaign) -> Chart:
    averages = dict(_counted(campaign).values_list("entry__area").annotate(avg=Avg("total")).order_by())
    bars = [
        Bar(
            f"{area.order}. {area.name[:40]}",
            float(averages.get(area.pk) or 0),
            number_format(averages.get(area.pk) or 0, 1),
        )
        for area in ReformArea.objects.filter(campaign=campaign).order_by("order")
    ]
    return Chart(_("Điểm trung bình theo nội dung thi đua"), bars)


def average_by_unit(campaign, limit=15) -> Chart:
    found = list(
        _counted(campaign)
        .annotate(unit_id=Entry.participant_unit("entry__"))
        .values("unit_id")
        .annotate(avg=Avg("total"), n=Count("pk"))
        .order_by("-avg", "unit_id")[: limit + 1]  # one more tells whether some were left out
    )
    rows, cut = found[:limit], len(found) > limit
    names = Unit.objects.in_bulk([r["unit_id"] for r in rows])
    bars = [Bar(names[r["unit_id"]].name, float(r["avg"]), f"{number_format(r['avg'], 1)} ({r['n']})") for r in rows]
    note = _("%(n)d đơn vị cao nhất") % {"n": limit} if cut else ""
    return Chart(_("Điểm trung bình theo đơn vị (số bài)"), bars, note=note)


def scoring_progress(campaign) -> Chart:
    members = (
        CouncilMember.objects.filter(campaign=campaign)
        .annotate(
            assigned=Count("assignments"),
            scored=Count("assignments", filter=Q(assignments__completed_at__isnull=False)),
        )
        .filter(assigned__gt=0)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    bars = [Bar(m.person.full_name, m.scored / m.assigned * 100, f"{m.scored}/{m.assigned}") for m in members]
    return Chart(_("Tiến độ chấm của Hội đồng (phiếu đã chấm / được giao)"), bars)


def all_charts(campaign, *, names_members: bool) -> list[Chart]:
    """The charts of the campaign; the members' progress, which names them, only if ``names_members``
    (the secretary and leaders: ``submissions.permissions.sees_every_member_score``)."""
    charts = [score_distribution(campaign), average_by_area(campaign), average_by_unit(campaign)]
    return [*charts, scoring_progress(campaign)] if names_members else charts

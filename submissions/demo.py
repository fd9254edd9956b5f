"""Sample entries for the demo campaigns, marked by the "(mẫu)" in their titles.

Entries of the closed reference campaign are written directly as they stood at its close (the
deadline rules would refuse them today); entries of the open campaign go through the services.
"""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from campaigns.models import Person, Unit
from criteria.queries import applicable_criteria
from submissions import services
from submissions.enums import EntryAction, EntryKind, EntryStatus
from submissions.models import Assignment, Attachment, Entry, EntryEvent
from submissions.services import scoring

TITLES = [
    "Số hóa hồ sơ chính sách dân tộc trên phần mềm quản lý văn bản",
    "Rút ngắn thời gian giải quyết hồ sơ hỗ trợ đồng bào dân tộc thiểu số",
    "Tuyên truyền cải cách hành chính bằng tiếng Khmer trên mạng xã hội",
    "Bộ câu hỏi khảo sát mức độ hài lòng (SIPAS) tại cơ sở",
    "Quy trình nội bộ tiếp nhận và trả kết quả qua dịch vụ công trực tuyến",
    "Sổ tay nghiệp vụ công tác dân tộc cho cán bộ mới",
    "Chữ ký số cho toàn bộ văn bản đi của Ban",
    "Tiết kiệm chi thường xuyên nhờ họp trực tuyến",
]

SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _attach(entry, by):
    attachment = Attachment(
        entry=entry,
        original_name="minh-chung-mau.pdf",
        size=len(SAMPLE_PDF),
        content_type="application/pdf",
        sha256=hashlib.sha256(SAMPLE_PDF).hexdigest(),
        uploaded_by=by,
    )
    attachment.file.save("minh-chung-mau.pdf", ContentFile(SAMPLE_PDF), save=False)
    attachment.save()


def _date_within_campaign(entry) -> None:
    """Give a directly written entry the history it would have had: written two days before it was
    sent, in the campaign's open period (the database stamps ``auto_now`` fields with today)."""
    written = max(entry.submitted_at - timedelta(days=2), entry.campaign.opens_at)
    Entry.objects.filter(pk=entry.pk).update(created_at=written, updated_at=entry.submitted_at)
    Attachment.objects.filter(entry=entry).update(uploaded_at=written)
    EntryEvent.objects.filter(entry=entry).update(at=entry.submitted_at)


@transaction.atomic
def load_reference_entries(*, campaign) -> int:
    """Submitted entries of the 2022 campaign: every sample person with an account, and every unit."""
    if campaign.entries.exists():
        return 0
    areas = list(campaign.areas.order_by("order"))
    participants = [("person", p) for p in Person.objects.filter(is_sample=True, user__isnull=False).order_by("code")]
    participants += [("unit", u) for u in Unit.objects.filter(is_sample=True, parent__isnull=False).order_by("order")]
    submitted_base = campaign.closes_at - timedelta(days=40)
    count = 0
    for index, (kind, participant) in enumerate(participants):
        for extra in range(2 if index % 3 == 0 else 1):
            author = participant.user if kind == "person" else participant.head.user
            entry = Entry.objects.create(
                campaign=campaign,
                area=areas[(index + extra) % len(areas)],
                kind=[EntryKind.INITIATIVE, EntryKind.SOLUTION, EntryKind.ACHIEVEMENT][(index + extra) % 3],
                title=f"{TITLES[(index + extra) % len(TITLES)]} (mẫu)",
                summary="Nội dung mẫu để minh họa cách Hội đồng chấm và xếp hạng.",
                results="Kết quả mẫu: rút ngắn thời gian xử lý, tăng mức độ hài lòng.",
                person=participant if kind == "person" else None,
                unit=participant if kind == "unit" else None,
                created_by=author,
                status=EntryStatus.SUBMITTED,
                submitted_at=submitted_base + timedelta(hours=7 * index + extra),
            )
            _attach(entry, author)
            EntryEvent.objects.create(entry=entry, action=EntryAction.SUBMITTED, actor=author)
            _date_within_campaign(entry)
            count += 1
    return count


def restore_reference_dates(*, campaign) -> int:
    """Scoring and closing a reference campaign today stamp today on its entries' ``updated_at``;
    put back the last change each had as a participant's entry (its sending), within the campaign."""
    return Entry.objects.filter(campaign=campaign, submitted_at__isnull=False).update(updated_at=F("submitted_at"))


def load_current_entries(*, campaign) -> int:
    """A draft and a submitted entry in the open campaign, written through the services."""
    if campaign.entries.exists() or not campaign.is_open_at(timezone.now()):
        return 0
    areas = list(campaign.areas.order_by("order"))
    count = 0
    for index, person in enumerate(Person.objects.filter(code__in=["mau-canbo1", "mau-canbo2"]).order_by("code")):
        content = services.EntryContent(
            area=areas[index + 2],
            kind=EntryKind.INITIATIVE,
            title=f"{TITLES[index + 4]} năm {timezone.localtime(campaign.opens_at).year} (mẫu)",
            summary="Bài mẫu trong phong trào đang mở.",
            new_files=[ContentFile(SAMPLE_PDF, name="minh-chung-mau.pdf")],
        )
        # canbo1 (Văn phòng) submits: hoidong1 (Thanh tra) may score it; canbo2 keeps a draft.
        services.create_entry(campaign=campaign, by=person.user, person=person, content=content, submit=index == 0)
        count += 1
    return count


def load_reference_scores(*, campaign, secretary) -> int:
    """Assign every 2022 entry to five members and let them score it (a few entries stay short).

    Points are deterministic: each entry has a quality level, each member a small bias.
    """
    if Assignment.objects.filter(entry__campaign=campaign).exists():
        return 0
    scoring.auto_assign(campaign=campaign, per_entry=5, by=secretary)
    step = campaign.score_step
    assignments = (
        Assignment.objects.filter(entry__campaign=campaign)
        .select_related("entry__area", "entry__campaign", "member__person__user")
        .order_by("entry_id", "member_id")
    )
    saved = 0
    for index, assignment in enumerate(assignments):
        entry = assignment.entry
        if entry.pk % 9 == 0 and index % 5 >= 2:
            continue  # leave this entry below the quorum, as happens in real councils
        criteria = applicable_criteria(campaign=campaign, area=entry.area, kind=entry.participant_kind)
        quality = Decimal(55 + (entry.pk * 37) % 45) / 100
        bias = Decimal((assignment.member_id % 5) - 2) / 50
        points = {}
        for criterion in criteria:
            raw = criterion.max_points * min(max(quality + bias, Decimal(0)), Decimal(1))
            points[criterion.pk] = (raw / step).quantize(Decimal(1)) * step
        scoring.record_scores(assignment=assignment, by=assignment.member.person.user, points=points)
        saved += 1
    return saved

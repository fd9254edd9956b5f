"""The demo campaigns: Plan 169/KH-BDT as issued on 21/4/2022, and a current-year clone of it.

The plan's ten emulation contents are its own; the criteria set, award forms and council are
sample data of ours (the plan does not publish them), and are marked as such.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from campaigns.enums import CampaignStatus, ParticipantKind, UnregisteredPolicy
from campaigns.models import Agency, Campaign, Person, ReformArea
from criteria.enums import AwardKind, CouncilRole, DecidingLevel
from criteria.models import AwardForm, CouncilMember, Criterion, DeclaredConflict
from criteria.services import check_saved_criteria_set, clone_campaign

REFERENCE_SLUG = "169-kh-bdt-2022"

AREAS = [
    "Phong trào thi đua trong thực hiện cải cách hành chính (công tác chỉ đạo, điều hành CCHC)",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "Đề xuất sáng kiến, giải pháp trong thực hiện nhiệm vụ CCHC tạo sự chuyển biến tích cực, "
    "nâng cao chất lượng, hiệu quả công tác CCHC",
    "Nâng cao chỉ số hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS) "
    "và chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)",
    "Công tác ứng dụng công nghệ thông tin trong công tác tuyên truyền CCHC",
]

PURPOSE_TEMPLATE = (
    "Phát huy truyền thống thi đua yêu nước, động viên tinh thần các tập thể, cá nhân có nhiều hoạt động cụ thể, "
    "thiết thực trong phong trào thi đua, nâng cao chất lượng cải cách hành chính năm {year}, góp phần xây dựng nền "
    "hành chính dân chủ, chuyên nghiệp, hiện đại, tinh gọn, hiệu lực, hiệu quả, có năng lực kiến tạo phát triển, "
    "liêm chính, phục vụ Nhân dân.\n"
    "Biểu dương, khen thưởng kịp thời những tập thể, cá nhân có thành tích xuất sắc trong thực hiện cải cách hành "
    "chính tại đơn vị."
)


def purpose_for(year: int) -> str:
    """The plan's purpose, naming the campaign's own year."""
    return PURPOSE_TEMPLATE.format(year=year)


REQUIREMENTS = (
    "Nâng cao ý thức trách nhiệm của tập thể, cá nhân trong thực hiện nhiệm vụ cải cách hành chính. Phong trào thi đua "
    "phải được triển khai sâu rộng, phát huy tinh thần đoàn kết, sức sáng tạo của các tập thể, cá nhân tham gia. "
    "Việc bình xét thi đua, khen thưởng phải bảo đảm kịp thời, dân chủ, khách quan, công khai, đúng đối tượng, "
    "tiêu chuẩn và thành tích đạt được."
)

# (code, name, guidance, maximum points): a sample set of five that adds up to 100.
CRITERIA = [
    ("TC1", "Tính mới, tính sáng tạo", "Giải pháp mới so với cách làm trước đây tại đơn vị; nêu rõ điểm mới.", 25),
    ("TC2", "Hiệu quả đạt được", "Kết quả đo được: thời gian, chi phí, số hồ sơ, mức độ hài lòng được cải thiện.", 30),
    ("TC3", "Khả năng áp dụng, nhân rộng", "Có thể áp dụng tại đơn vị khác hoặc toàn cơ quan.", 20),
    ("TC4", "Minh chứng, tài liệu kiểm chứng", "Văn bản, số liệu, hình ảnh chứng minh kết quả.", 15),
    ("TC5", "Đóng góp vào chỉ số CCHC của cơ quan", "Tác động đến chỉ số PAR INDEX, SIPAS, PAPI.", 10),
]

# (name, recipient kind, precedence, minimum score, quota count, quota percent, deciding level): a
# thematic campaign rewards with forms of commendation (DOMAIN.md), the agency head's Giấy khen and
# the provincial Bằng khen the agency proposes upward, which the council puts to a secret ballot:
# the sample council's regulation asks for 60 % of its members (``AwardForm.vote_threshold``;
# members conflicted on a nominee do not vote on them, so 70 % would be out of reach for some).
HIGHER, AGENCY_HEAD = DecidingLevel.HIGHER, DecidingLevel.AGENCY_HEAD
AWARD_FORMS = [
    ("Bằng khen của Chủ tịch UBND tỉnh (đề nghị)", ParticipantKind.COLLECTIVE, 1, 90, 1, None, HIGHER),
    ("Giấy khen của Trưởng Ban Dân tộc", ParticipantKind.COLLECTIVE, 2, 75, None, 50, AGENCY_HEAD),
    ("Bằng khen của Chủ tịch UBND tỉnh (đề nghị)", ParticipantKind.INDIVIDUAL, 1, 90, 2, None, HIGHER),
    ("Giấy khen của Trưởng Ban Dân tộc", ParticipantKind.INDIVIDUAL, 2, 75, None, 30, AGENCY_HEAD),
]

COUNCIL = [("mau-lanhdao", CouncilRole.CHAIR), ("mau-thuky", CouncilRole.SECRETARY)] + [
    (f"mau-hoidong{i}", CouncilRole.MEMBER) for i in range(1, 8)
]


def _vietnam(year, month, day, hour=0, minute=0, second=0):
    return timezone.make_aware(datetime(year, month, day, hour, minute, second))


def add_sample_rubric(campaign: Campaign) -> None:
    """The sample criteria (100 points, for every area and kind) and award forms, on a campaign that
    has none yet: the demo's and the benchmark's."""
    Criterion.objects.bulk_create(
        Criterion(campaign=campaign, code=code, name=name, guidance=guidance, max_points=Decimal(points), order=order)
        for order, (code, name, guidance, points) in enumerate(CRITERIA, start=1)
    )
    AwardForm.objects.bulk_create(
        AwardForm(
            campaign=campaign,
            name=name,
            recipient_kind=kind,
            precedence=precedence,
            min_score=minimum,
            quota_count=count,
            quota_percent=percent,
            kind=AwardKind.COMMENDATION,
            deciding_level=level,
            requires_vote=level == HIGHER,
            vote_threshold=Decimal(60),
        )
        for name, kind, precedence, minimum, count, percent, level in AWARD_FORMS
    )


@transaction.atomic
def load_reference_campaign(*, agency: Agency) -> Campaign:
    """Plan 169/KH-BDT with its ten contents, a sample criteria set, award forms and council."""
    chair = Person.objects.filter(code=COUNCIL[0][0]).first()  # the committee's head signs plan and decision
    campaign, _ = Campaign.objects.update_or_create(
        slug=REFERENCE_SLUG,
        defaults={
            "agency": agency,
            "plan_number": "169/KH-BDT",
            "title": "Phát động phong trào thi đua, nâng cao hiệu quả cải cách hành chính năm 2022",
            "signed_on": date(2022, 4, 21),
            "signer": chair.full_name if chair else "",
            "signer_title": "Trưởng ban",
            "purpose": purpose_for(2022),
            "requirements": REQUIREMENTS,
            "opens_at": _vietnam(2022, 4, 21),
            "closes_at": _vietnam(2022, 12, 31, 23, 59, 59),
            # Registration (đăng ký thi đua) for a month after the launch; late entrants are flagged.
            "requires_registration": True,
            "registration_opens_at": _vietnam(2022, 4, 21),
            "registration_closes_at": _vietnam(2022, 5, 20, 23, 59, 59),
            "unregistered_policy": UnregisteredPolicy.FLAG,
            "status": CampaignStatus.LAUNCHED,
            "is_sample": True,
        },
    )
    if campaign.criteria.exists():
        return campaign
    for order, name in enumerate(AREAS, start=1):
        ReformArea.objects.get_or_create(campaign=campaign, order=order, defaults={"name": name})
    add_sample_rubric(campaign)
    people = {p.code: p for p in Person.objects.filter(code__in=[code for code, _r in COUNCIL])}
    CouncilMember.objects.bulk_create(
        CouncilMember(campaign=campaign, person=people[code], role=role) for code, role in COUNCIL if code in people
    )
    relative = Person.objects.filter(code="mau-canbo5").first()
    member = CouncilMember.objects.filter(campaign=campaign, person__code="mau-hoidong2").first()
    if relative and member:
        DeclaredConflict.objects.create(member=member, person=relative, reason="Người thân trong gia đình (mẫu)")
    check_saved_criteria_set(campaign=campaign)
    return campaign


@transaction.atomic
def load_current_campaign(*, reference: Campaign, today: date) -> Campaign:
    """This year's campaign, cloned from the reference one and open for entries until 31/12."""
    slug = f"kh-bdt-{today.year}-mau"
    existing = Campaign.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    clone = clone_campaign(
        source=reference,
        slug=slug,
        plan_number=f"{today.year - 2000 + 100}/KH-BDT (mẫu)",
        title=f"Phát động phong trào thi đua, nâng cao hiệu quả cải cách hành chính năm {today.year}",
        signed_on=date(today.year, 1, 15),
        opens_at=_vietnam(today.year, 1, 15),
        closes_at=_vietnam(today.year, 12, 31, 23, 59, 59),
    )
    clone.status, clone.purpose = CampaignStatus.LAUNCHED, purpose_for(today.year)
    # Registration open all year, so the demo shows a window still open.
    clone.requires_registration = True
    clone.registration_opens_at, clone.registration_closes_at = clone.opens_at, clone.closes_at
    clone.save(
        update_fields=["status", "purpose", "requires_registration", "registration_opens_at", "registration_closes_at"]
    )
    return clone


EARLIER_SLUG = "95-kh-bdt-2021-mau"


@transaction.atomic
def load_earlier_campaign(*, reference: Campaign) -> Campaign:
    """A 2021 campaign (sample data), cloned from the reference one and long past its deadline:
    its list is the one the demo leaves posted with its comment period over, ready to approve."""
    existing = Campaign.objects.filter(slug=EARLIER_SLUG).first()
    if existing is not None:
        return existing
    clone = clone_campaign(
        source=reference,
        slug=EARLIER_SLUG,
        plan_number="95/KH-BDT (mẫu)",
        title="Phát động phong trào thi đua, nâng cao hiệu quả cải cách hành chính năm 2021 (mẫu)",
        signed_on=date(2021, 3, 15),
        opens_at=_vietnam(2021, 3, 15),
        closes_at=_vietnam(2021, 12, 31, 23, 59, 59),
    )
    clone.status, clone.purpose = CampaignStatus.LAUNCHED, purpose_for(2021)
    clone.save(update_fields=["status", "purpose"])
    return clone

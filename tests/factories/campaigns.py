from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from campaigns.enums import CampaignStatus, ParticipantKind
from campaigns.models import Campaign, ReformArea
from criteria.enums import CouncilRole
from criteria.models import AwardForm, CouncilMember, Criterion, DeclaredConflict
from tests.factories.organisation import AgencyFactory, PersonFactory, UnitFactory

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class CampaignFactory(factory.django.DjangoModelFactory):
    """A launched campaign open from 21/4/2022 until 31/12/2022 23:59:59, Vietnam time."""

    class Meta:
        model = Campaign

    agency = factory.SubFactory(AgencyFactory)
    slug = factory.Sequence(lambda n: f"{n}-kh-bdt")
    plan_number = factory.Sequence(lambda n: f"{n}/KH-BDT")
    title = factory.Sequence(lambda n: f"Phong trào thi đua cải cách hành chính số {n}")
    signed_on = date(2022, 4, 21)
    opens_at = datetime(2022, 4, 21, tzinfo=VIETNAM)
    closes_at = datetime(2022, 12, 31, 23, 59, 59, tzinfo=VIETNAM)
    status = CampaignStatus.LAUNCHED


class ReformAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReformArea

    campaign = factory.SubFactory(CampaignFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Nội dung thi đua số {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    code = factory.Sequence(lambda n: f"TC{n}")
    name = factory.Sequence(lambda n: f"Tiêu chí số {n}")
    guidance = "Chấm theo minh chứng."
    max_points = Decimal(100)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class AwardFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardForm

    campaign = factory.SubFactory(CampaignFactory)
    name = "Giấy khen của Trưởng Ban Dân tộc"
    recipient_kind = ParticipantKind.COLLECTIVE
    precedence = 1
    min_score = Decimal(75)


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    campaign = factory.SubFactory(CampaignFactory)
    person = factory.SubFactory(PersonFactory)
    role = CouncilRole.MEMBER


class DeclaredConflictFactory(factory.django.DjangoModelFactory):
    """A conflict with a unit; pass ``unit=None, person=...`` for one with a person."""

    class Meta:
        model = DeclaredConflict

    member = factory.SubFactory(CouncilMemberFactory)
    unit = factory.SubFactory(UnitFactory)
    person = None
    reason = "Thành viên công tác tại đơn vị này."

"""A campaign that requires registration from 21/04/2022 through 15/05/2022 23:59:59 (Vietnam time),
open for entries through 31/12/2022; a staff member, a unit head, a secretary."""

import pytest

from campaigns.enums import ParticipantKind, Role
from campaigns.models import Unit
from tests.factories import AgencyFactory, AwardFormFactory, CampaignFactory, ReformAreaFactory
from tests.submissions.conftest import vietnam

REGISTRATION_LAST_MOMENT = vietnam(2022, 5, 15, 23, 59, 59, 900000)
REGISTRATION_FIRST_CLOSED_MOMENT = vietnam(2022, 5, 16, 0, 0, 0)
DURING_REGISTRATION = vietnam(2022, 5, 1, 9, 0, 0)
AFTER_REGISTRATION = vietnam(2022, 11, 15, 9, 0, 0)
WINDOW_TEXT = "từ 21/04/2022 00:00:00 đến 15/05/2022 23:59:59 (giờ Việt Nam)"


@pytest.fixture
def agency(db):
    return AgencyFactory(
        name="Ban Dân tộc tỉnh Vĩnh Long", parent_authority="UBND TỈNH VĨNH LONG", place_name="Vĩnh Long"
    )


@pytest.fixture
def unit(agency):
    return Unit.objects.create(agency=agency, code="van-phong", name="Văn phòng Ban")


@pytest.fixture
def campaign(agency):
    campaign = CampaignFactory(
        agency=agency,
        plan_number="169/KH-BDT",
        slug="169-kh-bdt-2022",
        requires_registration=True,
        registration_opens_at=vietnam(2022, 4, 21),
        registration_closes_at=vietnam(2022, 5, 15, 23, 59, 59),
        signer="Lâm Văn Chính",
        signer_title="Trưởng ban",
    )
    ReformAreaFactory(campaign=campaign, order=1, name="Cải cách thủ tục hành chính")
    return campaign


@pytest.fixture
def giay_khen(campaign):
    return AwardFormFactory(
        campaign=campaign, name="Giấy khen của Trưởng Ban Dân tộc", recipient_kind=ParticipantKind.INDIVIDUAL
    )


@pytest.fixture
def giay_khen_tap_the(campaign):
    return AwardFormFactory(
        campaign=campaign, name="Giấy khen tập thể của Trưởng Ban", recipient_kind=ParticipantKind.COLLECTIVE
    )


@pytest.fixture
def make_staff(make_user, unit):
    def make(username, *roles, **person_fields):
        user = make_user(username, Role.STAFF, *roles, unit=unit, **person_fields)
        user.email = f"{username}@bdt.vinhlong.gov.vn"
        user.save(update_fields=["email"])
        return user

    return make


@pytest.fixture
def author(make_staff):
    return make_staff("canbo1", full_name="Nguyễn Văn An")


@pytest.fixture
def head(make_staff, unit):
    user = make_staff("truongdonvi", Role.UNIT_HEAD, full_name="Lê Văn Cường")
    unit.head = user.person
    unit.save()
    return user


@pytest.fixture
def secretary(make_staff):
    return make_staff("thuky", Role.SECRETARY, full_name="Phạm Thu Ký")

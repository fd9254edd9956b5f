"""Sample register: awards of 2020 and 2021 imported through the Excel import, as an agency
starting on the software brings its earlier decisions in, and one initiative of the 2022 campaign
recognised as a sáng kiến at the base level. The 2021 campaign's list, ready to approve, enters the
register when the leader approves it (honours.services.enter_approved_list)."""

from datetime import date

import tablib
from django.contrib.auth import get_user_model
from django.db import transaction

from honours.models import RecognisedInitiative, RegisterEntry
from honours.resources import RegisterEntryResource
from honours.services import recognise_initiative
from submissions.enums import EntryKind, EntryStatus

TITLE, COMMENDATION = "Danh hiệu thi đua", "Hình thức khen thưởng"
DECISIONS = {2020: ("08/QĐ-BDT", date(2021, 1, 15)), 2021: ("10/QĐ-BDT", date(2022, 1, 14))}
# (person code, unit code, year, title, kind)
EARLIER_AWARDS = [
    *[(f"mau-canbo{i}", "", year, "Lao động tiên tiến", TITLE) for i in (1, 2, 3, 4) for year in (2020, 2021)],
    ("mau-canbo1", "", 2021, "Chiến sĩ thi đua cơ sở", TITLE),
    ("mau-canbo5", "", 2021, "Lao động tiên tiến", TITLE),
    ("", "van-phong", 2020, "Tập thể lao động tiên tiến", TITLE),
    ("", "van-phong", 2021, "Tập thể lao động tiên tiến", TITLE),
    ("", "thanh-tra", 2021, "Giấy khen của Trưởng Ban Dân tộc", COMMENDATION),
]


@transaction.atomic
def load_earlier_awards() -> int:
    """Import the sample 2020–2021 awards through the register's Excel resource; a second run finds
    every row already there and adds nothing. Returns the rows the register holds from imports."""
    resource = RegisterEntryResource()
    dataset = tablib.Dataset(headers=[field.column_name for field in resource.get_import_fields()])
    for person, unit, year, title, kind in EARLIER_AWARDS:
        number, day = DECISIONS[year]
        authority = "Trưởng ban Ban Dân tộc tỉnh Vĩnh Long"
        dataset.append([person, unit, year, title, kind, "", number, day, authority, "Dữ liệu mẫu"])
    result = resource.import_data(dataset, raise_errors=True)
    if result.has_validation_errors():
        raise ValueError(f"Sample register rows refused: {result.invalid_rows}")
    return RegisterEntry.objects.filter(note="Dữ liệu mẫu").count()


def load_recognised_initiative(*, campaign) -> RecognisedInitiative | None:
    """The first scored initiative of a person in the 2022 campaign, recognised at the base level."""
    entry = (
        campaign.entries.filter(kind=EntryKind.INITIATIVE, person__isnull=False, recognition__isnull=True)
        .exclude(status__in=(EntryStatus.DRAFT, EntryStatus.WITHDRAWN))
        .order_by("code")
        .first()
    )
    if entry is None or RecognisedInitiative.objects.filter(entry__campaign=campaign).exists():
        return None
    return recognise_initiative(
        entry=entry,
        by=get_user_model().objects.get(username="thuky"),
        scope="base",
        decision_number="45/QĐ-HĐSK",
        decision_date=date(2023, 1, 6),
        authority="Hội đồng sáng kiến Ban Dân tộc (mẫu)",
    )

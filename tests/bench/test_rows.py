"""The generator's bulk writer (bench.rows): what it writes reads back as written, and a row that
points nowhere stops the generation."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction

from bench.rows import Table, foreign_keys_checked_once
from campaigns.models import Person
from submissions.models import EntryResult
from tests.factories import EntryFactory, PersonFactory, UnitFactory

NOW = datetime(2025, 1, 2, 8, tzinfo=UTC)


@pytest.mark.django_db
def test_rows_read_back_as_written_with_their_new_ids():
    unit = UnitFactory()
    rows = [
        {"code": "cb-a", "full_name": "Tab\there, line\nthere", "position": "back\\slash", "unit_id": unit.pk},
        {"code": "cb-b", "full_name": "Lê Thị Bé", "unit_id": unit.pk},
    ]

    Table(Person, now=NOW).insert(rows, with_ids=True)

    written = list(Person.objects.filter(pk__in=[row["id"] for row in rows]).order_by("code"))
    assert [(p.pk, p.code, p.full_name, p.position, p.user_id) for p in written] == [
        (rows[0]["id"], "cb-a", "Tab\there, line\nthere", "back\\slash", None),
        (rows[1]["id"], "cb-b", "Lê Thị Bé", "", None),
    ]


@pytest.mark.django_db
def test_json_decimals_and_automatic_times_are_written():
    entry = EntryFactory()
    row = {"entry_id": entry.pk, "campaign_id": entry.campaign_id, "total": "12.50", "criterion_points": {"7": "12.5"}}

    Table(EntryResult, now=NOW).insert([row])

    assert EntryResult.objects.values("total", "criterion_points", "counted", "updated_at").get(entry=entry) == {
        "total": Decimal("12.5"),
        "criterion_points": {"7": "12.5"},
        "counted": False,
        "updated_at": NOW,
    }


def is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_row_pointing_to_no_unit_stops_the_generation():
    if connection.vendor != "postgresql" or not is_superuser():
        pytest.skip("the foreign keys are checked once only by a PostgreSQL superuser")
    table = Table(Person, now=NOW)
    PersonFactory()  # a valid row beside the broken one

    broken = "1 rows of campaigns_person.unit_id point to no campaigns_unit row"
    with pytest.raises(SystemExit, match=broken), transaction.atomic(), foreign_keys_checked_once([table]):
        table.insert([{"code": "cb-orphan", "full_name": "Không đơn vị", "unit_id": 987_654_321}])

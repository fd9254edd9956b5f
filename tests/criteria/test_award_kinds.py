"""Award forms as two kinds, each with the level that decides it (issue 17, item 2): the migration
labels forms that existed before by their names; a clone keeps the labels."""

from importlib import import_module

import pytest
from django.apps import apps

from criteria.enums import AwardKind, DecidingLevel
from criteria.services import clone_campaign
from tests.factories import AwardFormFactory, CampaignFactory

pytestmark = pytest.mark.django_db

migration = import_module("criteria.migrations.0004_awardform_kind_and_deciding_level")


def test_the_migration_labels_existing_forms_by_their_names():
    campaign = CampaignFactory()
    names = ["Bằng khen của Chủ tịch UBND tỉnh (đề nghị)", "Giấy khen của Trưởng Ban", "Lao động tiên tiến"]
    for precedence, name in enumerate(names, start=1):
        AwardFormFactory(campaign=campaign, name=name, precedence=precedence, kind="", deciding_level="")

    migration.label_existing(apps, None)

    assert list(campaign.award_forms.order_by("precedence").values_list("kind", "deciding_level")) == [
        (AwardKind.COMMENDATION, DecidingLevel.HIGHER),
        (AwardKind.COMMENDATION, DecidingLevel.AGENCY_HEAD),
        (AwardKind.TITLE, DecidingLevel.AGENCY_HEAD),
    ]


def test_a_clone_keeps_each_forms_kind_and_deciding_level():
    source = CampaignFactory()
    AwardFormFactory(
        campaign=source, name="Lao động tiên tiến", kind=AwardKind.TITLE, deciding_level=DecidingLevel.HIGHER
    )

    clone = clone_campaign(
        source=source,
        slug="clone",
        plan_number="1/KH-CLONE",
        title="Bản sao",
        signed_on=source.signed_on,
        opens_at=source.opens_at,
        closes_at=source.closes_at,
    )

    assert list(clone.award_forms.values_list("kind", "deciding_level")) == [(AwardKind.TITLE, DecidingLevel.HIGHER)]

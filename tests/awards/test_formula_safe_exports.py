"""The front's Excel exports write text a spreadsheet would run as text (issue 13, item 14).

Names, units and summaries starting with "=", "+", "-", "@", a tab or a CR reach the ranking and
the nominee list exports as cells typed text with Excel's quote prefix, downloaded as a leader does.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Nominee
from awards.services import compilation
from tests.campaigns.test_security import FORMULA_TEXTS, assert_written_as_text

pytestmark = pytest.mark.django_db


def downloaded_cells(client, url) -> list:
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    sheet = load_workbook(io.BytesIO(body)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def test_the_ranking_export_writes_formula_like_names_and_units_as_text(ranking_world, ranking_leader_client):
    w = ranking_world
    names = [f"{text} – cá nhân" for text in FORMULA_TEXTS]
    units = [f"{text} – đơn vị" for text in FORMULA_TEXTS]
    for number, (name, unit) in enumerate(zip(names, units, strict=True)):
        w.entry(w.person(name, unit=w.unit(unit)), 60 + number)

    cells = downloaded_cells(ranking_leader_client, reverse("ranking_export", args=[w.campaign.slug]) + "?loai=ca-nhan")

    assert_written_as_text(cells, names + units)


def test_the_nominee_list_export_writes_formula_like_names_and_summaries_as_text(closing_world, client):
    world = closing_world
    world.form("Giấy khen", min_score=0, quota_count=len(FORMULA_TEXTS))
    names = [f"{text} – cá nhân" for text in FORMULA_TEXTS]
    world.ranked([(name, 90 - number) for number, name in enumerate(names)])
    nominee_list = compilation.compile_nominees(campaign=world.campaign)
    summaries = [f"{text} – tóm tắt" for text in FORMULA_TEXTS]
    for position, summary in enumerate(summaries, start=1):
        Nominee.objects.filter(nominee_list=nominee_list, position=position).update(summary=summary)
    client.force_login(world.secretary)

    cells = downloaded_cells(client, reverse("nominee_list_export", args=[nominee_list.code]))

    assert_written_as_text(cells, names + summaries)

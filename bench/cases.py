"""What the benchmarks exercise, shared by ``run`` (time and queries) and ``memory`` (peak memory).

Pages are requested through Django's test client in the benchmark's own process, signed in as
a generated leader or council member, against the database the generator filled.
"""

import re
import tempfile
from collections.abc import Callable, Iterable
from datetime import timedelta
from io import BytesIO
from itertools import cycle

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from awards.models import NomineeList
from awards.services.closing import due_campaigns
from awards.services.compilation import compile_nominees
from bench.generate import CAMPAIGN_SLUG, LEADERS, MEMBERS
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from criteria.queries import applicable_criteria
from submissions.models import Assignment, Entry, Score

HOST = "127.0.0.1"  # one of the default ALLOWED_HOSTS (the test client's "testserver" is not)
KINDS = {"ca-nhan": "individuals", "tap-the": "collectives"}


def bench_campaign() -> Campaign:
    found = Campaign.objects.filter(slug=CAMPAIGN_SLUG).first()
    if found is None:
        raise SystemExit("No benchmark data set in this database: run `python -m bench.generate --scale 1` first.")
    return found


def signed_in(username: str) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def leader() -> Client:
    return signed_in(LEADERS[0])


def member() -> Client:
    return signed_in(MEMBERS[0])


def get(client: Client, url: str) -> bytes:
    """The body of a page that must answer 200, streamed responses read to the end."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, not 200.")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    return body


def post(client: Client, url: str, data: dict) -> None:
    """Send a form as a browser does; the form must be taken (a redirect, not the form again)."""
    response = client.post(url, data)
    if response.status_code != 302:
        raise SystemExit(f"POST {url} answered {response.status_code}, not a redirect: the form was refused.")


# --- Addresses -------------------------------------------------------------------------------


def ranking_url(kind: str, *, everyone: bool = False) -> str:
    return reverse("ranking", args=[CAMPAIGN_SLUG]) + f"?loai={kind}" + ("&tat-ca=1" if everyone else "")


def explain_url(kind: str) -> str:
    """The explanation of the participant with the most entries: the largest explain page."""
    side = "person" if kind == "ca-nhan" else "unit"
    busiest = (
        Entry.objects.filter(campaign__slug=CAMPAIGN_SLUG, **{f"{side}__isnull": False})
        .values(f"{side}__code")
        .annotate(n=Count("pk"))
        .order_by("-n", f"{side}__code")
        .first()
    )
    return reverse("ranking_explain", args=[CAMPAIGN_SLUG, kind, busiest[f"{side}__code"]])


def scoring_assignment() -> Assignment:
    """The first entry assigned to the member the ``member`` client signs in as."""
    return (
        Assignment.objects.filter(member__person__user__username=MEMBERS[0])
        .select_related("entry__campaign", "entry__area", "entry__person", "member")
        .order_by("pk")
        .first()
    )


def scoring_url() -> str:
    """The scoring form of ``scoring_assignment``."""
    return reverse("admin:submissions_assignment_score", args=[scoring_assignment().pk])


def score_sheets() -> tuple[dict, dict]:
    """Two fillings of the scoring form of ``scoring_assignment`` that differ in every criterion by
    one step of the scale, comments kept: the first moves every score, the second puts them back.
    Saved in turn, each save writes the scores, their history and the entry's result, and moves
    the ranking on."""
    assignment = scoring_assignment()
    entry, campaign = assignment.entry, assignment.entry.campaign
    step = campaign.score_step
    criteria = applicable_criteria(campaign=campaign, area=entry.area, kind=entry.participant_kind)
    scores = {s.criterion_id: s for s in Score.objects.filter(entry=entry, member=assignment.member)}
    moved, back = {"overall": assignment.comment}, {"overall": assignment.comment}
    for criterion in criteria:
        points = scores[criterion.pk].points
        for sheet, value in ((moved, points - step if points >= step else points + step), (back, points)):
            sheet[f"points_{criterion.pk}"] = str(value)
            sheet[f"comment_{criterion.pk}"] = scores[criterion.pk].comment
    return moved, back


def export_url(kind: str) -> str:
    return reverse("ranking_export", args=[CAMPAIGN_SLUG]) + f"?loai={kind}"


def nominee_export_url() -> str:
    """The official nominee list in Excel, of the newest list compiled (every compilation of the
    benchmark makes the same list under a new code)."""
    newest = NomineeList.objects.filter(campaign__slug=CAMPAIGN_SLUG).order_by("-version", "-pk").first()
    if newest is None:
        raise SystemExit("The benchmark campaign has no nominee list: run `python -m bench.generate` again.")
    return reverse("nominee_list_export", args=[newest.code])


def forget_cached_pages() -> None:
    """Empty the shared cache and this process's copies: the next page ranks and renders anew."""
    caches["default"].clear()
    caches["local"].clear()


# --- Jobs --------------------------------------------------------------------------------------


def saving_scores(client: Client) -> Callable[[], None]:
    """The scoring form's POST as the assigned member sends it, the two ``score_sheets`` in turn."""
    url, sheets = scoring_url(), cycle(score_sheets())
    return lambda: post(client, url, next(sheets))


def forget_lists(campaign: Campaign) -> None:
    """Delete the compiled lists, so that the next compilation does the whole work again."""
    NomineeList.objects.filter(campaign=campaign).delete()


def compile_list(campaign: Campaign) -> NomineeList:
    return compile_nominees(campaign=campaign, by="benchmark")


def sweep_indexes(campaigns: int = 20_000) -> list[str]:
    """The indexes the close sweep's query uses among ``campaigns`` campaigns, none of them due.

    With the data set's single campaign any plan is as good as another, so the campaigns are
    added (years of closed ones, one in ten still open), the table analysed, the plan read, and
    everything rolled back.
    """
    model, now = bench_campaign(), timezone.now()
    with transaction.atomic():
        Campaign.objects.bulk_create(
            (
                Campaign(
                    agency_id=model.agency_id,
                    slug=f"sweep-{i}",
                    plan_number=f"sweep-{i}",
                    title=model.title,
                    signed_on=model.signed_on,
                    opens_at=now - timedelta(days=400),
                    closes_at=now + timedelta(days=30) if i % 10 == 0 else now - timedelta(days=30),
                    status=CampaignStatus.LAUNCHED if i % 10 == 0 else CampaignStatus.CLOSED,
                )
                for i in range(campaigns)
            ),
            batch_size=5000,
        )
        sql, params = due_campaigns(now).values_list("pk", flat=True).query.sql_with_params()
        explain = "EXPLAIN" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Campaign._meta.db_table}")
            cursor.execute(f"{explain} {sql}", params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
        transaction.set_rollback(True)
    return sorted(
        set(re.findall(r"(?:Index Scan|Index Only Scan|USING (?:COVERING )?INDEX) (?:using |on )?(\w+)", plan))
    )


# --- The Excel floor ---------------------------------------------------------------------------


def workbook_rows(body: bytes) -> list[tuple]:
    """The cell values of a workbook's first sheet, row by row, without trailing empty cells."""
    sheet = load_workbook(BytesIO(body), read_only=True).worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        rows.append(tuple(values))
    return rows


def write_only(rows: Iterable) -> None:
    """The floor: the same rows streamed with openpyxl's write-only mode into a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryFile(suffix=".xlsx") as handle:
        workbook.save(handle)

"""The nominee list built from the scores: the fingerprint of every score, and the compilation
by the award rules (same scores, same list; a change in scores makes a new version)."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Q
from django.utils import translation
from django.utils.translation import gettext as _

from awards.models import Nominee, NomineeList
from awards.queries.ranking import ranking
from awards.rules import allocate
from campaigns.enums import ParticipantKind
from campaigns.models import Campaign
from common.formatting import points
from criteria.models import AwardForm
from submissions.enums import EntryStatus
from submissions.models import Entry, Score

SYSTEM = "hệ thống"  # who compiles (and closes) when no one asked: the beat sweep and its worker


def scores_fingerprint(campaign) -> str:
    """SHA-256 over every score of the campaign and the entries taken out of the competition.

    What is hashed (its definition: lists keep the fingerprint they were compiled with, so it
    never changes): one line ``entry|criterion|member|points`` (points with two decimals, then a
    newline) per score, in (entry, criterion, member) order, followed by ``withdrawn:`` and the
    ids of the withdrawn entries joined by commas, in id order. PostgreSQL builds the text and
    hashes it in one statement; other databases (SQLite) send the rows to ``_fingerprint_in_python``.
    """
    if connection.vendor == "postgresql":
        return _fingerprint_in_postgresql(campaign)
    return _fingerprint_in_python(campaign)


def _fingerprint_in_postgresql(campaign) -> str:
    score, entry = Score._meta.db_table, Entry._meta.db_table
    sql = f"""
        SELECT encode(sha256(convert_to(
            coalesce((
                SELECT string_agg(
                    s.entry_id || '|' || s.criterion_id || '|' || s.member_id || '|'
                    || (s.points::numeric(20, 2))::text || E'\\n',
                    '' ORDER BY s.entry_id, s.criterion_id, s.member_id
                )
                FROM {score} s JOIN {entry} e ON e.id = s.entry_id
                WHERE e.campaign_id = %s
            ), '')
            || 'withdrawn:'
            || coalesce((
                SELECT string_agg(w.id::text, ',' ORDER BY w.id) FROM {entry} w
                WHERE w.campaign_id = %s AND w.status = %s
            ), ''),
            'UTF8')), 'hex')
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk, campaign.pk, EntryStatus.WITHDRAWN])
        return cursor.fetchone()[0]


def _fingerprint_in_python(campaign) -> str:
    digest = hashlib.sha256()
    rows = (
        Score.objects.filter(entry__campaign=campaign)
        .order_by("entry_id", "criterion_id", "member_id")
        .values_list("entry_id", "criterion_id", "member_id", "points")
    )
    for entry_id, criterion_id, member_id, given in rows.iterator(chunk_size=5000):
        digest.update(f"{entry_id}|{criterion_id}|{member_id}|{given:.2f}\n".encode())
    withdrawn = (
        Entry.objects.filter(campaign=campaign, status=EntryStatus.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    digest.update(("withdrawn:" + ",".join(map(str, withdrawn))).encode())
    return digest.hexdigest()


def _summaries(campaign, keys) -> dict:
    """Per participant: the titles of the entries that count, best first."""
    entries = (
        Entry.objects.filter(campaign=campaign, result__counted=True)
        .exclude(status=EntryStatus.WITHDRAWN)
        .filter(Q(person_id__in=[k[0] for k in keys if k[0]]) | Q(unit_id__in=[k[1] for k in keys if k[1]]))
        .order_by("-result__total", "submitted_at", "pk")
        .values_list("person_id", "unit_id", "title")
    )
    titles: dict = {}
    for person_id, unit_id, title in entries:
        titles.setdefault((person_id, unit_id), []).append(title)
    return titles


def compile_nominees(*, campaign: Campaign, by: str = SYSTEM) -> NomineeList:
    """Build the nominee list from the ranking by the award rules; same scores, same list.

    Compiling again without a change in scores returns the existing version; with changed
    scores it creates a new draft version and keeps the old ones.
    """
    with translation.override(settings.LANGUAGE_CODE):  # summaries read the same from any process
        return _compile(campaign=campaign, by=by)


def _compile(*, campaign: Campaign, by: str) -> NomineeList:
    fingerprint = scores_fingerprint(campaign)
    existing = NomineeList.objects.filter(campaign=campaign, fingerprint=fingerprint).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)  # one compilation at a time
            existing = NomineeList.objects.filter(campaign=campaign, fingerprint=fingerprint).first()
            if existing is not None:
                return existing
            if campaign.scores_locked_at is not None:
                raise ValidationError(_("Danh sách đã được phê duyệt; điểm đã khóa nên không lập lại được."))
            version = (NomineeList.objects.filter(campaign=campaign).aggregate(v=Max("version"))["v"] or 0) + 1
            nominee_list = NomineeList.objects.create(
                campaign=campaign, version=version, fingerprint=fingerprint, compiled_by=by
            )
            rows_out, position = [], 0
            for kind in (ParticipantKind.COLLECTIVE, ParticipantKind.INDIVIDUAL):
                rows, _count = ranking(campaign, kind)
                forms = list(AwardForm.objects.filter(campaign=campaign, recipient_kind=kind))
                outcomes = allocate(rows, forms)
                titles = _summaries(campaign, [r.key for o in outcomes for r in o.rows])
                for outcome in outcomes:
                    for row in outcome.rows:
                        position += 1
                        entry_titles = titles.get(row.key, [])
                        summary = _("%(score)s điểm; %(n)d bài: %(titles)s") % {
                            "score": points(row.score),
                            "n": row.counted_entries,
                            "titles": "; ".join(entry_titles[: campaign.best_k]),
                        }
                        rows_out.append(
                            Nominee(
                                nominee_list=nominee_list,
                                kind=kind,
                                person_id=row.person_id,
                                unit_id=row.unit_id,
                                award_form=outcome.form,
                                position=position,
                                rank=row.rank,
                                score=row.score,
                                summary=summary,
                                tie_flag=row.key in outcome.tie_keys,
                            )
                        )
            Nominee.objects.bulk_create(rows_out, batch_size=1000)
            return nominee_list
    except IntegrityError:
        # Another compilation of the same scores won the race: use its list.
        return NomineeList.objects.get(campaign=campaign, fingerprint=fingerprint)

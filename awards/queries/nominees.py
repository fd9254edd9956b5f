"""Reads of the nominee lists: the versions a user may see, their rows, comments and counts, and the
award form each ranked participant is nominated for in the newest list."""

from django.db.models import Count, Min, Q, Subquery
from django.utils.translation import gettext as _

from awards.enums import ListStatus, TieDecision
from awards.models import Comment, Nominee, NomineeList
from awards.permissions import PUBLIC_STATUSES, sees_draft_lists
from awards.queries.ranking import EXPORT_CHUNK
from criteria.enums import DecidingLevel


def lists_visible_to(user, campaign):
    """Versions of the campaign's list the user may read: all for the council side, posted ones for staff."""
    lists = NomineeList.objects.filter(campaign=campaign).order_by("-version")
    return lists if sees_draft_lists(user) else lists.filter(status__in=PUBLIC_STATUSES)


def lists_open_for_comment(moment):
    """Posted lists whose comment period has not ended at ``moment``: every signed-in user may comment."""
    return (
        NomineeList.objects.filter(status=ListStatus.PUBLISHED, posting_ends_at__gt=moment)
        .select_related("campaign")
        .order_by("posting_ends_at", "pk")
    )


def nominees_of(nominee_list):
    return nominee_list.nominees.select_related("person__unit", "unit__parent", "award_form").order_by("position")


NOMINEE_ROW = (
    "kind",
    "person_id",
    "person__full_name",
    "person__position",
    "person__unit__name",
    "unit__name",
    "unit__parent__name",
    "award_form__name",
    "summary",
    "tie_flag",
    "decision",
    "decision_reason",
)


def nominee_rows(nominee_list, *, deciding_level=None):
    """The list's rows in list order as tuples of NOMINEE_ROW, streamed from the database
    ``EXPORT_CHUNK`` at a time (one query): what the Excel list prints, without building models.
    With ``deciding_level``, only the rows of award forms decided at that level."""
    rows = nominee_list.nominees.order_by("position")
    if deciding_level is not None:
        rows = rows.filter(award_form__deciding_level=deciding_level)
    return rows.values_list(*NOMINEE_ROW).iterator(chunk_size=EXPORT_CHUNK)


def form_counts(nominee_list, *, deciding_level=None) -> list[tuple[str, str, int]]:
    """How many the list names per award form and kind, in list order: [(form name, kind,
    count)], one query; with ``deciding_level``, the forms decided at that level only."""
    rows = nominee_list.nominees.all()
    if deciding_level is not None:
        rows = rows.filter(award_form__deciding_level=deciding_level)
    counts = rows.values_list("award_form__name", "kind").annotate(n=Count("pk"), first=Min("position"))
    return [(name, kind, n) for name, kind, n, _first in counts.order_by("first")]


def proposes_upward(nominee_list) -> bool:
    """Whether the list names anyone for a form a higher authority decides (a proposal's subject)."""
    return nominee_list.nominees.filter(award_form__deciding_level=DecidingLevel.HIGHER).exists()


def comment_thread(nominee_list):
    """The list's comments with those made on its earlier versions (the thread follows the list),
    oldest first; each carries the version it was made on (``comment.nominee_list.version``)."""
    return (
        Comment.objects.filter(
            nominee_list__campaign_id=nominee_list.campaign_id, nominee_list__version__lte=nominee_list.version
        )
        .select_related("author", "answered_by", "nominee", "nominee_list")
        .order_by("created_at", "pk")
    )


def kind_counts(nominee_list) -> dict:
    """How many collectives and individuals the list names: {kind: count}, one query."""
    rows = nominee_list.nominees.order_by().values_list("kind").annotate(n=Count("pk"))
    return dict(rows)


def nomination_text(form_name: str, tie_flag: bool, decision: str) -> str:
    """The award form as the ranking shows it, saying when a tie at the line awaits the council."""
    if not tie_flag:
        return form_name
    if not decision:
        return _("%(form)s (đồng hạng tại ngưỡng, chờ Hội đồng quyết định)") % {"form": form_name}
    return _("%(form)s (đồng hạng tại ngưỡng, Hội đồng: %(decision)s)") % {
        "form": form_name,
        "decision": TieDecision(decision).label,
    }


def latest_nominations(campaign, rows=None) -> dict:
    """Participant key -> the award form from the newest list, as text, for the rows shown, or for
    every participant (one query) when ``rows`` is None."""
    newest = campaign.nominee_lists.order_by("-version").values("pk")[:1]
    if rows is None:
        nominees = Nominee.objects.filter(nominee_list_id=Subquery(newest))
    else:
        newest = newest.values_list("pk", flat=True).first()
        if newest is None or not rows:
            return {}
        nominees = Nominee.objects.filter(nominee_list_id=newest).filter(
            Q(person_id__in=[r.person_id for r in rows if r.person_id])
            | Q(unit_id__in=[r.unit_id for r in rows if r.unit_id])
        )
    values = nominees.values_list("person_id", "unit_id", "award_form__name", "tie_flag", "decision")
    return {(p, u): nomination_text(name, flag, decision) for p, u, name, flag, decision in values}

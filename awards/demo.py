"""The demo's part after the close: the 2021 sample campaign's list, posted in January 2022 for
the campaign's posting days and long past its comment period, so that a newcomer can approve it
and download the final Excel file (README: "Close and award").

The posting is written as it stood then (as the submissions demo writes the 2022 entries): the
services post a list only from now on. The legal minimum period is untouched: the window is the
campaign's ``posting_days`` long, and approval still checks it and every other rule of rule 9.
"""

from datetime import timedelta

from django.db import transaction

from awards.enums import ListStatus, TieDecision
from awards.models import NomineeList
from awards.services import approval, compilation


@transaction.atomic
def post_earlier_list(*, campaign, secretary) -> NomineeList:
    """Post the campaign's first list ten days after its close, with the council's (sample)
    decision on every tie across a quota line; a list already posted or approved stays as it is."""
    nominee_list = compilation.compile_nominees(campaign=campaign)
    if nominee_list.status != ListStatus.DRAFT:
        return nominee_list
    for nominee in nominee_list.nominees.filter(tie_flag=True, decision=""):
        approval.resolve_tie(
            nominee=nominee, by=secretary, decision=TieDecision.KEEP, reason="Biên bản họp Hội đồng số 2 (mẫu)"
        )
    nominee_list.status = ListStatus.PUBLISHED
    nominee_list.posted_at = campaign.closes_at + timedelta(days=10)
    nominee_list.posting_ends_at = nominee_list.posted_at + timedelta(days=campaign.posting_days)
    nominee_list.save(update_fields=["status", "posted_at", "posting_ends_at"])
    return nominee_list

"""The close: campaigns due at their last open second, each closed exactly once, and the
compilation each closed campaign is owed."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from awards.models import NomineeList
from campaigns import deadline
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from submissions.deadlines import open_extensions


def due_campaigns(moment):
    """Launched campaigns whose last open second (and every personal extension) has passed.

    One indexed query; nothing due means an empty result.
    """
    later = open_extensions(moment).filter(campaign=OuterRef("pk"))
    return Campaign.objects.filter(deadline.passed_q(moment), status=CampaignStatus.LAUNCHED).filter(~Exists(later))


# A compilation is sent when a campaign closes and normally ends within minutes (the task's time
# limit is ten). A campaign closed longer ago than this with no list lost its compilation: the
# broker was down when it was sent, or its worker died. The close sweep sends it again.
COMPILE_OWED_AFTER = timedelta(minutes=15)


def campaigns_owed_a_list(moment):
    """Closed campaigns, closed before ``moment`` less COMPILE_OWED_AFTER, that have no nominee list.

    The database is the record of the compilation owed at the close: one query.
    """
    return Campaign.objects.filter(
        status=CampaignStatus.CLOSED, closed_at__lt=moment - COMPILE_OWED_AFTER, scores_locked_at__isnull=True
    ).filter(~Exists(NomineeList.objects.filter(campaign=OuterRef("pk"))))


def close_campaign(*, campaign_id: int, by: str) -> bool:
    """Close a campaign exactly once and start the compilation after commit.

    Returns True only for the call that closed it; racing sweeps or a second click change
    nothing. Entries of a closed campaign can no longer be created, edited or submitted.
    """
    # Imported here, not at the top: the close sweep's task (awards.tasks) calls this function,
    # and the compilation it queues is a task of the same module.
    from awards.tasks import task_compile

    with transaction.atomic():
        closed = Campaign.objects.filter(pk=campaign_id, status=CampaignStatus.LAUNCHED).update(
            status=CampaignStatus.CLOSED, closed_at=timezone.now(), closed_by=by
        )
        if closed:
            task_compile.delay_on_commit(campaign_id=campaign_id)
    return bool(closed)

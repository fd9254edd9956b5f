"""Background work after the deadline. Thin: the services do the work and guard idempotency."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import NomineeList
from awards.services import closing
from awards.services.compilation import SYSTEM, compile_nominees
from campaigns.models import Campaign
from common.notifications import mail_users

logger = logging.getLogger(__name__)


# Both are idempotent through the database, so a task whose worker process dies midway is put back
# on the queue (and, as every task, acknowledged only once it has finished: settings).
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(name="awards.close_due_campaigns", **IDEMPOTENT)
def task_close_due_campaigns() -> list[int]:
    """Beat, every minute: close each campaign whose deadline passed, exactly once.

    Then send again the compilation of every campaign closed a while ago that still has no list
    (its first one could not be queued, or its worker died): see ``closing.campaigns_owed_a_list``.
    """
    now = timezone.now()
    closed = []
    for campaign_id in closing.due_campaigns(now).values_list("pk", flat=True):
        if closing.close_campaign(campaign_id=campaign_id, by=SYSTEM):
            closed.append(campaign_id)
    for campaign_id in closing.campaigns_owed_a_list(now).values_list("pk", flat=True):
        logger.warning("Campaign %s closed without a nominee list; compiling it again", campaign_id)
        task_compile.delay_on_commit(campaign_id=campaign_id)
    return closed


@shared_task(name="awards.compile", **IDEMPOTENT)
def task_compile(*, campaign_id: int) -> int | None:
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        logger.warning("Campaign %s no longer exists; nothing to compile", campaign_id)
        return None
    return compile_nominees(campaign=campaign).pk


def _mail_everyone(list_id: int, *, subject: str, template: str) -> int:
    nominee_list = NomineeList.objects.select_related("campaign").filter(pk=list_id).first()
    if nominee_list is None:
        logger.warning("Nominee list %s no longer exists; nothing to mail", list_id)
        return 0
    users = get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk")
    return mail_users(
        users.iterator(),
        subject=subject % {"plan": nominee_list.campaign.plan_number},
        template=template,
        context={"nominee_list": nominee_list},
    )


@shared_task(name="awards.send_published")
def task_send_published(*, list_id: int) -> int:
    """Tell every staff member that the list is posted for comment, and until when."""
    return _mail_everyone(
        list_id, subject=_("Công khai danh sách đề nghị khen thưởng %(plan)s"), template="awards/mail/published.txt"
    )


@shared_task(name="awards.send_approved")
def task_send_approved(*, list_id: int) -> int:
    """Tell every staff member the decision that approved the list."""
    return _mail_everyone(
        list_id, subject=_("Phê duyệt danh sách khen thưởng %(plan)s"), template="awards/mail/approved.txt"
    )

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Person, Unit
from common.notifications import mail_users


@shared_task(name="registrations.send_reminders")
def task_send_registration_reminders(*, campaign_id: int, person_ids: list, unit_ids: list) -> int:
    """Mail the named people, and the heads of the named units, who have not registered in the
    campaign by now; returns how many mails went out."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    people = Person.objects.filter(pk__in=person_ids).exclude(registrations__campaign=campaign)
    units = Unit.objects.filter(pk__in=unit_ids).exclude(registrations__campaign=campaign)
    user_ids = {*people.values_list("user", flat=True), *units.values_list("head__user", flat=True)} - {None}
    return mail_users(
        get_user_model().objects.filter(pk__in=user_ids).order_by("pk"),
        subject=_("Nhắc đăng ký thi đua: %(plan)s") % {"plan": campaign.plan_number},
        template="registrations/mail/reminder.txt",
        context={"campaign": campaign},
    )

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from campaigns.tokens import invitation_tokens
from common.notifications import mail_users, site_url

logger = logging.getLogger(__name__)


@shared_task(name="campaigns.clear_expired_sessions")
def task_clear_expired_sessions() -> None:
    """Delete expired sessions from the database (the cached copies expire on their own)."""
    call_command("clearsessions")


@shared_task(name="campaigns.send_invitation")
def task_send_invitation(*, user_id: int) -> int:
    """Mail an account without a password the link to set one (see campaigns.services.invite_accounts).

    Delivered twice, it mails twice: harmless, both links work until the password is set.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        logger.warning("Account %s no longer exists; no invitation sent", user_id)
        return 0
    if not user.is_active or user.has_usable_password():
        logger.info("Account %s is inactive or has set a password; no invitation sent", user_id)
        return 0
    path = reverse(
        "account_invitation_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_tokens.make_token(user)},
    )
    return mail_users(
        [user],
        subject=_("Mời đặt mật khẩu tài khoản Thi đua cải cách hành chính"),
        template="campaigns/mail/invitation.txt",
        context={"link": site_url(path), "days": settings.ACCOUNT_INVITATION_DAYS},
    )

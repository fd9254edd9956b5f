"""Pages of the accounts app that are not Django's own."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): when to try again.

    Each refused attempt restarts the cool-off (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so
    the lock ends one cool-off after this request. Locks hold a username from one address only
    (AXES_LOCKOUT_PARAMETERS; issue 13, item 2).
    """
    cool_off = get_cool_off(request)
    context = {"retry_at": timezone.now() + cool_off if cool_off else None, "cool_off": cool_off}
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)

"""The last open second: the one rule for every closing moment, in Python and in SQL.

A closing moment (a campaign's ``closes_at``, or a personal extension's) is the last second that
is still open, as users read it: "until 31/12/2022 23:59:59" accepts 23:59:59.9 and refuses
00:00:00. Whatever fraction of a second a stored moment carries, the second it falls in is open.

``Campaign.state_at`` and ``is_open_at`` use the Python half; every query uses the Q half; the
participant's own closing moment (a personal extension) is added by ``submissions.deadlines``.
"""

from datetime import timedelta

from django.db.models import Q

from campaigns.enums import CampaignStatus

ONE_SECOND = timedelta(seconds=1)


def closing_second(moment):
    """``moment`` cut to its whole second: how a closing moment is stored and compared."""
    return moment.replace(microsecond=0)


def ends_at(closes_at):
    """The first moment that is no longer open: one second after the closing second."""
    return closing_second(closes_at) + ONE_SECOND


def still_open(closes_at, moment) -> bool:
    """Whether ``moment`` is not past the closing second ``closes_at``."""
    return moment < ends_at(closes_at)


def still_open_q(moment, field: str = "closes_at") -> Q:
    """SQL twin of ``still_open``: the closing second in ``field`` is not before ``moment``'s second."""
    return Q(**{f"{field}__gte": closing_second(moment)})


def passed_q(moment, field: str = "closes_at") -> Q:
    """The complement of ``still_open_q``, written so that an index on ``field`` serves it."""
    return Q(**{f"{field}__lt": closing_second(moment)})


def open_q(moment, *, prefix: str = "", extended=None) -> Q:
    """SQL twin of ``Campaign.is_open_at``: launched, opened, and its closing second not passed.

    ``prefix`` reaches the campaign from another model (``"campaign__"``). ``extended``, a
    condition (``Exists``) that a later personal closing moment of the participant is still open,
    stands beside the campaign's own, as ``Campaign.is_open_at(moment, closes_at=...)`` does.
    """
    still = still_open_q(moment, f"{prefix}closes_at")
    if extended is not None:
        still |= Q(extended)
    return Q(**{f"{prefix}status": CampaignStatus.LAUNCHED, f"{prefix}opens_at__lte": moment}) & still

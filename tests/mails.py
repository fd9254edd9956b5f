"""What a person does with a mail: open the page it links to."""

import re

from django.conf import settings


def follow_link(client, mail, user):
    """The one link in ``mail`` opened as ``user``: it is absolute, on SITE_URL, and answers."""
    (link,) = re.findall(r"https?://\S+", mail.body)
    assert link.startswith(settings.SITE_URL.rstrip("/") + "/")
    client.force_login(user)
    return client.get(link.removeprefix(settings.SITE_URL.rstrip("/")))

"""Set-password invitations: a password reset token with its own lifetime (issue 13, item 7).

Django's reset links last ``PASSWORD_RESET_TIMEOUT`` for everyone; an invitation mailed by the
secretariat to a new account lasts ``ACCOUNT_INVITATION_DAYS``. The salt differs, so a reset
token is no invitation and the other way round. Like a reset token, an invitation is spent once
the password is set (the stored password is part of the hash).
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "campaigns.tokens.InvitationTokenGenerator"

    @property
    def timeout(self) -> int:
        return settings.ACCOUNT_INVITATION_DAYS * 24 * 60 * 60

    def check_token(self, user, token):
        """Django's check, measured against the invitation's lifetime instead of the reset's."""
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return (self._num_seconds(self._now()) - timestamp) <= self.timeout


invitation_tokens = InvitationTokenGenerator()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BallotsConfig(AppConfig):
    name = "ballots"
    verbose_name = _("Bỏ phiếu kín")

    def ready(self):
        from awards.services.approval import approval_checks
        from ballots import permissions  # noqa: F401  registers the app's rules
        from ballots.queries import vote_problems

        # awards may not import this app (it sits to its right): approval asks it through this hook.
        if vote_problems not in approval_checks:
            approval_checks.append(vote_problems)

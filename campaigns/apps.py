from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Tổ chức và phong trào thi đua")

    def ready(self):
        from campaigns import permissions  # noqa: F401  registers the app's rules

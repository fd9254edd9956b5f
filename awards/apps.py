from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Xếp hạng và khen thưởng")

    def ready(self):
        from awards import permissions  # noqa: F401  registers the app's rules

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Tiêu chí và khen thưởng")

    def ready(self):
        from criteria import permissions  # noqa: F401  registers the app's rules

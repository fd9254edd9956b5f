from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "honours"
    verbose_name = _("Sổ theo dõi khen thưởng")

    def ready(self):
        from honours import permissions  # noqa: F401  registers the app's rules

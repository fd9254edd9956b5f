from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Sáng kiến, thành tích và chấm điểm")

    def ready(self):
        from submissions import permissions  # noqa: F401  registers the app's rules

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Đăng ký thi đua")

    def ready(self):
        from registrations import permissions  # noqa: F401  registers the app's rules

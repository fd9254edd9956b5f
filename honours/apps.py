from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "honours"
    verbose_name = _("Sổ theo dõi khen thưởng")

    def ready(self):
        from awards.services.approval import on_approved
        from honours import permissions  # noqa: F401  registers the app's rules
        from honours.services import enter_approved_list

        # awards may not import this app (it sits to its right): approval calls it through this hook,
        # in its transaction (issue 17, item 5).
        if enter_approved_list not in on_approved:
            on_approved.append(enter_approved_list)

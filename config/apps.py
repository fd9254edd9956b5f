"""Application configs the project adjusts: django-axes named in Vietnamese in the admin.

django-axes ships no Vietnamese catalogue: its labels are translated in ``locale/vi``; the one
column named after a method (``status``) gets a described twin here, registered once the admin has
loaded every app's admin module (the admin app comes first in ``INSTALLED_APPS``).
"""

from axes.apps import AppConfig as UpstreamAxesConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(UpstreamAxesConfig):
    verbose_name = _("Nhật ký đăng nhập")

    def ready(self):
        super().ready()
        from axes.admin import AccessAttemptAdmin
        from axes.models import AccessAttempt
        from django.contrib import admin

        class DescribedAccessAttemptAdmin(AccessAttemptAdmin):
            @admin.display(description=_("Trạng thái"))
            def status(self, obj):
                return super().status(obj)

        admin.site.unregister(AccessAttempt)
        admin.site.register(AccessAttempt, DescribedAccessAttemptAdmin)

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin, ImportExportModelAdmin

from campaigns.admin_ids import OpaqueIdAdmin, adopt_registered_admins
from campaigns.enums import Role
from campaigns.forms import UnitForm
from campaigns.imports import ImportMessagesAdmin
from campaigns.models import Agency, Person, Unit
from campaigns.permissions import group_roles
from campaigns.resources import AccountResource, PersonResource, UnitResource
from campaigns.services import directory_changed

admin.site.site_header = _("Hội đồng Thi đua – Khen thưởng")
admin.site.site_title = _("Thi đua cải cách hành chính")
admin.site.index_title = _("Bàn làm việc")


class DirectoryAdmin:
    """Agencies, units and people: their names head pages and rankings, cached by a version that
    each write here renews."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        directory_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        directory_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        directory_changed()


class RecordInline(OpaqueIdAdmin, admin.TabularInline):
    """An inline that shows a record: nothing is added, changed or deleted through it."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(OpaqueIdAdmin, DirectoryAdmin, admin.ModelAdmin):
    list_display = ["name", "parent_authority", "place_name", "code"]
    search_fields = ["name", "code"]


@admin.register(Unit)
class UnitAdmin(OpaqueIdAdmin, DirectoryAdmin, ImportMessagesAdmin, ImportExportModelAdmin):
    form = UnitForm
    resource_classes = [UnitResource]
    list_display = ["name", "code", "parent", "head", "order", "is_sample"]
    list_filter = ["agency", "is_sample"]
    list_select_related = ["parent", "head"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent", "head"]


@admin.register(Person)
class PersonAdmin(OpaqueIdAdmin, DirectoryAdmin, ImportMessagesAdmin, ImportExportModelAdmin):
    resource_classes = [PersonResource]
    list_display = ["full_name", "code", "position", "unit", "user", "is_sample"]
    list_filter = ["unit", "is_sample"]
    list_select_related = ["unit", "user"]
    search_fields = ["full_name", "code", "user__username"]
    autocomplete_fields = ["unit", "user"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(OpaqueIdAdmin, ImportMessagesAdmin, ImportExportMixin, UserAdmin):
    resource_classes = [AccountResource]
    list_display = ["username", "first_name", "email", "role_names", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "email"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("vai trò"))
    def role_names(self, user):
        return ", ".join(str(Role(role).label) for role in Role.values if role in group_roles(user))


adopt_registered_admins(admin.site)  # django.contrib.auth's groups and axes' sign-in records

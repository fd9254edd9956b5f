from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin, ImportExportModelAdmin

from campaigns.choices import person_label, unit_label
from campaigns.enums import Role
from campaigns.forms import UnitForm
from campaigns.models import Agency, Person, Unit
from campaigns.permissions import grantable_roles, group_roles, may_change_roles_of, may_manage_account
from campaigns.resources import AccountResource, PersonResource, UnitResource
from campaigns.roles import GROUP_NAMES
from campaigns.services import agency_changed, invite_accounts
from common.admin_base import ProjectAdmin
from common.formatting import points
from common.imports import ImportMessagesAdmin

admin.site.site_header = _("Hội đồng Thi đua – Khen thưởng")
admin.site.site_title = _("Thi đua cải cách hành chính")
admin.site.index_title = _("Bàn làm việc")


class HomeAgencyAdmin:
    """Agencies: the first one heads every page, from a cache that each write here forgets."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        agency_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        agency_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        agency_changed()


def points_column(model, name: str):
    """A list or read-only column for a decimal field, shown as every page shows numbers ("20,5")."""

    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def column(model_admin, obj):
        value = getattr(obj, name)
        return None if value is None else points(value)

    column.__name__ = f"{name}_shown"
    return column


class RecordInline(ProjectAdmin, admin.TabularInline):
    """An inline that shows a record: nothing is added, changed or deleted through it."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(ProjectAdmin, HomeAgencyAdmin, admin.ModelAdmin):
    list_display = ["name", "parent_authority", "place_name", "code"]
    search_fields = ["name", "code"]


@admin.register(Unit)
class UnitAdmin(ProjectAdmin, ImportMessagesAdmin, ImportExportModelAdmin):
    form = UnitForm
    resource_classes = [UnitResource]
    list_display = ["name", "code", "parent", "head", "order", "is_sample"]
    list_filter = ["agency", "is_sample"]
    list_select_related = ["parent", "head"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent", "head"]

    def choice_label(self, unit):
        return unit_label(unit)


@admin.register(Person)
class PersonAdmin(ProjectAdmin, ImportMessagesAdmin, ImportExportModelAdmin):
    resource_classes = [PersonResource]
    list_display = ["full_name", "code", "position", "unit", "user", "is_sample"]
    list_filter = ["unit", "is_sample"]
    list_select_related = ["unit", "user"]
    search_fields = ["full_name", "code", "user__username", "unit__name"]
    autocomplete_fields = ["unit", "user"]
    choice_related = ("unit",)

    def choice_label(self, person):
        return person_label(person)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(ProjectAdmin, ImportMessagesAdmin, ImportExportMixin, UserAdmin):
    """Accounts. The administrator role manages ordinary accounts only, and nobody changes their own
    roles (issue 13, item 1; the rules are in campaigns/permissions.py, the import obeys them too)."""

    resource_classes = [AccountResource]
    list_display = ["username", "first_name", "email", "role_names", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "email"]
    actions = ["invite"]
    ROLE_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("vai trò"))
    def role_names(self, user):
        return ", ".join(str(Role(role).label) for role in Role.values if role in group_roles(user))

    def has_change_permission(self, request, obj=None):
        # Also guards the password form of another account (UserAdmin.user_change_password).
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_roles_of(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        # Permissions ticked on one account would grant nothing: the rules read roles only.
        readonly = [*super().get_readonly_fields(request, obj), "user_permissions"]
        if obj is not None and not may_change_roles_of(request.user, obj):
            readonly += self.ROLE_FIELDS
        elif not request.user.is_superuser:
            readonly += ["is_superuser"]  # roles come from the role groups only
        return list(dict.fromkeys(readonly))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = self.grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @staticmethod
    def grantable_groups(actor):
        if actor.is_superuser:
            return Group.objects.all()
        return Group.objects.filter(name__in=[GROUP_NAMES[role] for role in grantable_roles(actor)])

    def save_related(self, request, form, formsets, change):
        # Groups the actor may not grant are kept as they were: not shown, so neither added nor removed.
        kept = []
        if change and "groups" in form.cleaned_data:
            allowed = self.grantable_groups(request.user)
            kept = list(form.instance.groups.exclude(pk__in=allowed.values("pk")))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "actor": request.user}

    def has_invite_permission(self, request):
        return request.user.has_perm("auth.invite_user")

    @admin.action(permissions=["invite"], description=_("Gửi thư mời đặt mật khẩu"))
    def invite(self, request, queryset):
        invited = invite_accounts(users=queryset, by=request.user)
        skipped = queryset.count() - len(invited)
        if invited:
            self.message_user(
                request,
                ngettext(
                    "Đã gửi thư mời đặt mật khẩu cho %(count)d tài khoản.",
                    "Đã gửi thư mời đặt mật khẩu cho %(count)d tài khoản.",
                    len(invited),
                )
                % {"count": len(invited)},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "Bỏ qua %(count)d tài khoản: đã có mật khẩu, đã ngừng hoạt động hoặc chưa có email.",
                    "Bỏ qua %(count)d tài khoản: đã có mật khẩu, đã ngừng hoạt động hoặc chưa có email.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(ProjectAdmin, GroupAdmin):
    """Role groups. What a role may do is written once, as rules (each app's permissions.py); the
    permissions listed on a group describe those rules (a test keeps them equal), so they are shown
    and never edited here: a permission ticked by hand would grant nothing."""

    readonly_fields = ["permissions"]

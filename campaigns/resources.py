"""Excel import and export of units, people and accounts (django-import-export).

Columns carry Vietnamese headings, rows are matched by their code so that importing the same
file twice changes nothing, and every bad row is reported on its own field in Vietnamese.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.results import Result

from campaigns.enums import Role
from campaigns.models import Agency, Person, Unit
from campaigns.permissions import grantable_roles, group_roles, may_change_roles_of, may_manage_account
from campaigns.services import set_roles, validate_unit_parent
from common.excel import TooManyRows
from common.imports import ShownError


class CodeWidget(widgets.ForeignKeyWidget):
    """Finds a related object by its code and says, in Vietnamese, when there is none."""

    def __init__(self, model, field="code", *, what):
        super().__init__(model, field)
        self.what = what

    def clean(self, value, row=None, **kwargs):
        value = str(value).strip() if value is not None else ""
        if not value:
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(**{self.field: value})
        except self.model.DoesNotExist:
            raise ValueError(
                _("Không có %(what)s mã “%(code)s”. Kiểm tra lại mã hoặc nhập %(what)s đó trước.")
                % {"what": self.what, "code": value}
            ) from None
        except self.model.MultipleObjectsReturned:
            raise ValueError(
                _("Mã “%(code)s” trùng ở nhiều %(what)s; hãy ghi rõ mã cơ quan.") % {"what": self.what, "code": value}
            ) from None


class ParentUnitWidget(CodeWidget):
    """A parent unit is looked up within the row's own agency."""

    def get_queryset(self, value, row, *args, **kwargs):
        return Unit.objects.filter(agency__code=(row or {}).get(UnitResource.AGENCY_COLUMN, ""))


class NumberWidget(widgets.DecimalWidget):
    """A number cell; text or a date in it is refused on its field, in Vietnamese."""

    def __init__(self, *, whole=False, **kwargs):
        super().__init__(**kwargs)
        self.whole = whole

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except (InvalidOperation, ValueError):
            number = None
        if number is None or not number.is_finite() or isinstance(value, date):
            raise ValueError(_("“%(value)s” không phải là số.") % {"value": value})
        if self.whole:
            if number != number.to_integral_value():
                raise ValueError(_("Ghi số nguyên, ví dụ 3."))
            return int(number)
        return number


class YesNoWidget(widgets.Widget):
    """Có/Không (also x, 1/0, true/false); anything else is refused, never read as "no"."""

    YES = {"có", "co", "x", "1", "true", "yes", "đúng"}
    NO = {"không", "khong", "0", "false", "no", "sai"}

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("Ghi “Có” hoặc “Không” (nhận được “%(value)s”).") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("Có") if value else _("Không")


class ExcelRowsResult(Result):
    """An import's result as the person holding the file reads it (issue 14, item 6): rows are
    numbered as Excel shows them (the heading is row 1, the first data row is row 2) and each
    error sits under its column's Vietnamese heading, not the code's field name."""

    FIRST_DATA_ROW = 2
    column_names: dict = {}

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + self.FIRST_DATA_ROW - 1, row, validation_error)
        invalid = self.invalid_rows[-1]
        invalid.error_dict = {self.column_names.get(key, key): errors for key, errors in invalid.error_dict.items()}

    def row_errors(self):
        return [(number + self.FIRST_DATA_ROW - 1, errors) for number, errors in super().row_errors()]


class VietnameseResource(resources.ModelResource):
    """Shared behaviour: match rows by code, skip unchanged rows, validate models fully, and report
    every problem on its Excel row and column (``ExcelRowsResult``)."""

    def import_data(self, dataset, **kwargs):
        # A file with one bad row writes nothing, whichever path calls the import.
        kwargs["rollback_on_validation_errors"] = True
        self.repeated_rows = self._repeated_rows(dataset)
        return super().import_data(dataset, **kwargs)

    def get_result_class(self):
        names = {}
        for name, field in self.fields.items():
            if field.column_name:
                names[name] = names[field.attribute or name] = str(field.column_name)
        return type("ExcelRowsResult", (ExcelRowsResult,), {"column_names": names})

    def _repeated_rows(self, dataset) -> dict[int, tuple[str, list[int]]]:
        """{row number (1 = first data row): (code, the Excel rows that carry it)} for every code
        written on more than one row: the second row would silently overwrite the first."""
        columns = [self.fields[name].column_name for name in self.get_import_id_fields() if name in self.fields]
        if not columns or not dataset.headers or any(column not in dataset.headers for column in columns):
            return {}  # the missing column is reported on its own (_check_import_id_fields)
        positions = [dataset.headers.index(column) for column in columns]
        seen: dict[tuple, list[int]] = {}
        for number, values in enumerate(dataset, 1):
            key = tuple(str(values[i] if values[i] is not None else "").strip().casefold() for i in positions)
            if key[-1]:
                seen.setdefault(key, []).append(number)
        repeated = {}
        for numbers in seen.values():
            if len(numbers) > 1:
                code = str(dataset[numbers[0] - 1][positions[-1]]).strip()
                for number in numbers:
                    repeated[number] = (code, [n + ExcelRowsResult.FIRST_DATA_ROW - 1 for n in numbers])
        return repeated

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            # A code that finds nothing (an unknown agency) is that row's error on its own column,
            # reported by import_instance, not an error that stops the file and hides the others.
            return None

    def import_instance(self, instance, row, **kwargs):
        """Every problem of the row at once, each on its column: the fields' and ``row_errors``."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for key, error in self.row_errors(row, **kwargs).items():
            errors.setdefault(key, []).append(error)
        if errors:
            raise ValidationError(errors)

    def row_errors(self, row, **kwargs) -> dict[str, ValidationError]:
        """Problems of a row beyond its fields, by attribute; here a code written on several rows."""
        repeated = getattr(self, "repeated_rows", {}).get(kwargs.get("row_number"))
        if not repeated:
            return {}
        code, rows = repeated
        key = self.fields[self.get_import_id_fields()[-1]].attribute
        return {
            key: ValidationError(
                _("Mã “%(code)s” ghi ở nhiều dòng của tệp (dòng %(rows)s); mỗi mã chỉ được ghi một dòng.")
                % {"code": code, "rows": ", ".join(map(str, rows))}
            )
        }

    def before_import(self, dataset, **kwargs):
        if len(dataset) > settings.IMPORT_MAX_ROWS:  # an Excel file stops at the limit as it is read
            rows = len(dataset)
            dataset.wipe()  # nothing of an oversized file is read, row by row or otherwise
            raise TooManyRows(rows)
        super().before_import(dataset, **kwargs)

    def get_error_result_class(self):
        return ShownError  # a Vietnamese message, never a traceback

    def _check_import_id_fields(self, headers):
        missing = [
            str(self.fields[name].column_name)
            for name in self.get_import_id_fields()
            if name in self.fields and self.fields[name].column_name not in (headers or [])
        ]
        if missing:
            raise ValueError(
                _("Tệp thiếu cột %(columns)s. Dòng đầu của trang tính phải có đúng các tên cột của mẫu.")
                % {"columns": ", ".join(f"“{name}”" for name in missing)}
            )
        super()._check_import_id_fields(headers)

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True


class UnitResource(VietnameseResource):
    AGENCY_COLUMN = "Mã cơ quan"

    agency = fields.Field(
        attribute="agency", column_name=AGENCY_COLUMN, widget=CodeWidget(Agency, what=gettext_lazy("cơ quan"))
    )
    code = fields.Field(attribute="code", column_name="Mã đơn vị")
    name = fields.Field(attribute="name", column_name="Tên đơn vị")
    parent = fields.Field(
        attribute="parent", column_name="Mã đơn vị cấp trên", widget=ParentUnitWidget(Unit, what=gettext_lazy("đơn vị"))
    )
    order = fields.Field(attribute="order", column_name="Thứ tự", widget=NumberWidget(whole=True), default=0)
    # The unit head, by the person's code: a unit's collective entries are submitted by its head
    # (issue 14, item 28). People are imported after units, so a first file leaves it empty and a
    # second import of the same units fills it; a file without this column leaves heads as they are.
    head = fields.Field(
        attribute="head", column_name="Mã cán bộ thủ trưởng", widget=CodeWidget(Person, what=gettext_lazy("cá nhân"))
    )

    class Meta(VietnameseResource.Meta):
        model = Unit
        fields = ("agency", "code", "name", "parent", "order", "head")
        import_id_fields = ("agency", "code")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if "parent" not in errors and "agency" not in errors and instance.agency_id:
            try:
                validate_unit_parent(unit=instance, parent=instance.parent)
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        head = instance.head if "head" not in errors else None
        if head is not None and instance.agency_id and head.unit.agency_id != instance.agency_id:
            errors["head"] = ValidationError(
                _("Cá nhân “%(code)s” thuộc cơ quan khác, không làm thủ trưởng đơn vị này được.") % {"code": head.code}
            )
        super().validate_instance(instance, errors, validate_unique)

    def dehydrate_agency(self, unit):
        return unit.agency.code

    def dehydrate_parent(self, unit):
        return unit.parent.code if unit.parent_id else ""

    def dehydrate_head(self, unit):
        return unit.head.code if unit.head_id else ""


class PersonResource(VietnameseResource):
    code = fields.Field(attribute="code", column_name="Mã cán bộ")
    full_name = fields.Field(attribute="full_name", column_name="Họ và tên")
    position = fields.Field(attribute="position", column_name="Chức vụ", default="")
    unit = fields.Field(attribute="unit", column_name="Mã đơn vị", widget=CodeWidget(Unit, what=gettext_lazy("đơn vị")))
    user = fields.Field(
        attribute="user",
        column_name="Tên đăng nhập",
        widget=CodeWidget(get_user_model(), "username", what=gettext_lazy("tài khoản")),
    )

    class Meta(VietnameseResource.Meta):
        model = Person
        fields = ("code", "full_name", "position", "unit", "user")
        import_id_fields = ("code",)

    def dehydrate_unit(self, person):
        return person.unit.code

    def dehydrate_user(self, person):
        return person.user.username if person.user_id else ""


class RolesWidget(widgets.Widget):
    """Roles as their Vietnamese names (or codes) separated by semicolons.

    Names may themselves contain commas ("Cán bộ, công chức"), so known names are matched first
    and whatever is left over, split on commas and semicolons, is reported as unknown.
    """

    def clean(self, value, row=None, **kwargs):
        remaining = str(value or "").casefold()
        names = {str(label).casefold(): role for role, label in Role.choices}
        names.update({role.casefold(): role for role in Role.values})
        roles = set()
        for name in sorted(names, key=len, reverse=True):
            if name in remaining:
                roles.add(names[name])
                remaining = remaining.replace(name, ";")
        unknown = [part.strip() for part in re.split(r"[,;\n]", remaining) if part.strip()]
        if unknown:
            raise ValueError(
                _("Vai trò không có: %(unknown)s. Các vai trò hợp lệ: %(valid)s.")
                % {"unknown": ", ".join(unknown), "valid": "; ".join(str(label) for _r, label in Role.choices)}
            )
        return roles

    def render(self, value, obj=None, **kwargs):
        return "; ".join(str(Role(role).label) for role in Role.values if role in (value or ()))


class AccountResource(VietnameseResource):
    """Login accounts with their roles; passwords never travel in the file (set or reset them)."""

    username = fields.Field(attribute="username", column_name="Tên đăng nhập")
    first_name = fields.Field(attribute="first_name", column_name="Họ và tên", default="")
    email = fields.Field(attribute="email", column_name="Email", default="")
    is_active = fields.Field(attribute="is_active", column_name="Hoạt động", widget=YesNoWidget(), default=True)
    roles = fields.Field(attribute="imported_roles", column_name="Vai trò", widget=RolesWidget())
    person = fields.Field(
        attribute="imported_person", column_name="Mã cán bộ", widget=CodeWidget(Person, what=gettext_lazy("cá nhân"))
    )

    class Meta(VietnameseResource.Meta):
        model = get_user_model()
        fields = ("username", "first_name", "email", "is_active", "roles", "person")
        import_id_fields = ("username",)

    def __init__(self, *, actor=None, **kwargs):
        """``actor``: who imports through the admin, held to the account rules of campaigns/permissions.py
        (issue 13, item 1); None for code that imports on its own authority (demo, tests)."""
        super().__init__(**kwargs)
        self.actor = actor

    def after_init_instance(self, instance, new, row, **kwargs):
        # Current values, so that an unchanged row compares equal and is skipped.
        instance.imported_roles = set() if new else group_roles(instance)
        instance.current_roles = set(instance.imported_roles)
        instance.imported_person = None if new else Person.objects.filter(user=instance).first()
        if new:
            instance.set_unusable_password()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        person = getattr(instance, "imported_person", None)
        if person is not None and person.user_id and person.user_id != instance.pk:
            errors["imported_person"] = ValidationError(
                _("Cá nhân “%(code)s” đã gắn với tài khoản khác.") % {"code": person.code}
            )
        errors.update(self.refusals_for(instance))
        super().validate_instance(instance, errors, validate_unique)

    def refusals_for(self, instance) -> dict:
        """The same rules as the account form (campaigns/admin.py): only rows that change something
        get here, so an exported file that names a superuser still imports unchanged."""
        actor = self.actor
        if actor is None:
            return {}
        if instance.pk is not None and not may_manage_account(actor, instance):
            return {
                "username": ValidationError(
                    _("Chỉ quản trị viên cấp cao (superuser) mới được sửa tài khoản “%(username)s”.")
                    % {"username": instance.username}
                )
            }
        roles = getattr(instance, "imported_roles", set())
        if roles != instance.current_roles and instance.pk is not None and not may_change_roles_of(actor, instance):
            return {"imported_roles": ValidationError(_("Không ai được tự thay đổi vai trò của chính mình."))}
        refused = roles - instance.current_roles - grantable_roles(actor)
        if refused:
            return {
                "imported_roles": ValidationError(
                    _("Chỉ quản trị viên cấp cao (superuser) mới được giao vai trò: %(roles)s.")
                    % {"roles": "; ".join(str(Role(role).label) for role in sorted(refused))}
                )
            }
        return {}

    def after_save_instance(self, instance, row, **kwargs):
        set_roles(user=instance, roles=instance.imported_roles)
        person = instance.imported_person
        Person.objects.filter(user=instance).exclude(pk=getattr(person, "pk", None)).update(user=None)
        if person is not None and person.user_id != instance.pk:
            person.user = instance
            person.save(update_fields=["user"])

    def dehydrate_roles(self, user):
        return group_roles(user)

    def dehydrate_person(self, user):
        person = getattr(user, "person", None)
        return person.code if person else ""

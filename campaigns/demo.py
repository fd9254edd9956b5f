"""The demo data set: the reference agency with sample units, people and one account per role.

Everything here is marked as sample data (``is_sample``) and safe to load again: rows are
matched by their codes and usernames. Later features add their own part of the demo.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from campaigns.enums import Role
from campaigns.models import Agency, Person, Unit
from campaigns.services import agency_changed, set_roles

AGENCY = {
    "code": "bdt-vinh-long",
    "name": "Ban Dân tộc tỉnh Vĩnh Long",
    "parent_authority": "UBND TỈNH VĨNH LONG",
    "header_name": "BAN DÂN TỘC",
    "place_name": "Vĩnh Long",
}

# (code, name, parent code)
UNITS = [
    ("ban-dan-toc", "Ban Dân tộc tỉnh Vĩnh Long (mẫu)", None),
    ("van-phong", "Văn phòng Ban (mẫu)", "ban-dan-toc"),
    ("thanh-tra", "Thanh tra Ban (mẫu)", "ban-dan-toc"),
    ("phong-chinh-sach", "Phòng Chính sách dân tộc (mẫu)", "ban-dan-toc"),
    ("phong-ke-hoach", "Phòng Kế hoạch - Tổng hợp (mẫu)", "ban-dan-toc"),
]

STAFF_UNITS = ["van-phong", "thanh-tra", "phong-chinh-sach", "phong-ke-hoach"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Thạch"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Thị Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hạnh",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
    "Sóc",
    "Phol",
    "Đào",
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    roles: frozenset
    unit: str
    position: str


def demo_accounts() -> list[DemoAccount]:
    accounts = [
        DemoAccount("thuky", frozenset({Role.SECRETARY, Role.STAFF}), "van-phong", "Chánh Văn phòng, Thư ký Hội đồng"),
        DemoAccount("lanhdao", frozenset({Role.LEADER, Role.STAFF}), "ban-dan-toc", "Trưởng ban"),
    ]
    accounts += [
        DemoAccount(
            f"hoidong{i}", frozenset({Role.COUNCIL_MEMBER, Role.STAFF}), STAFF_UNITS[i % 4], "Ủy viên Hội đồng TĐKT"
        )
        for i in range(1, 8)
    ]
    accounts += [
        DemoAccount(f"truongdonvi{i}", frozenset({Role.UNIT_HEAD, Role.STAFF}), unit, "Trưởng phòng")
        for i, unit in enumerate(STAFF_UNITS, start=1)
    ]
    accounts += [
        DemoAccount(f"canbo{i}", frozenset({Role.STAFF}), STAFF_UNITS[(i - 1) % 4], "Chuyên viên") for i in range(1, 13)
    ]
    return accounts


def sample_name(index: int) -> str:
    return f"{FAMILY[index % len(FAMILY)]} {MIDDLE[(index * 3) % len(MIDDLE)]} {GIVEN[(index * 7) % len(GIVEN)]}"


@transaction.atomic
def load_organisation(*, password: str) -> list[tuple[str, str]]:
    """Create or refresh the demo agency, units, people and accounts; returns (username, roles)."""
    agency, _ = Agency.objects.update_or_create(code=AGENCY["code"], defaults=AGENCY)
    agency_changed()
    units = {}
    for order, (code, name, parent) in enumerate(UNITS):
        units[code], _ = Unit.objects.update_or_create(
            agency=agency,
            code=code,
            defaults={"name": name, "parent": units.get(parent), "order": order, "is_sample": True},
        )
    User = get_user_model()
    logins = []
    admin, _ = User.objects.get_or_create(username="admin", defaults={"first_name": "Quản trị hệ thống"})
    admin.is_superuser = True
    admin.set_password(password)
    admin.save()
    set_roles(user=admin, roles={Role.ADMINISTRATOR})
    logins.append(("admin", Role.ADMINISTRATOR.label))
    for index, account in enumerate(demo_accounts()):
        name = sample_name(index)
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = name
        user.email = f"{account.username}@example.invalid"
        user.set_password(password)
        user.save()
        set_roles(user=user, roles=set(account.roles))
        Person.objects.update_or_create(
            code=f"mau-{account.username}",
            defaults={
                "full_name": name,
                "position": account.position,
                "unit": units[account.unit],
                "user": user,
                "is_sample": True,
            },
        )
        if account.roles & {Role.UNIT_HEAD}:
            Unit.objects.filter(pk=units[account.unit].pk).update(head=user.person)
        logins.append((account.username, ", ".join(str(Role(r).label) for r in Role.values if r in account.roles)))
    for index in range(40):
        Person.objects.update_or_create(
            code=f"mau-cb{index + 1:03d}",
            defaults={
                "full_name": sample_name(100 + index),
                "position": "Chuyên viên",
                "unit": units[STAFF_UNITS[index % 4]],
                "is_sample": True,
            },
        )
    return logins

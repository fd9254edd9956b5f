"""Role groups: their fixed names and the permissions data migrations grant them."""

from django.contrib.auth.management import create_permissions

from campaigns.enums import Role

# Group names are data shown in the admin, so they are stored in Vietnamese and never renamed.
GROUP_NAMES = {
    Role.STAFF: "Cán bộ, công chức",
    Role.UNIT_HEAD: "Thủ trưởng đơn vị",
    Role.COUNCIL_MEMBER: "Ủy viên Hội đồng TĐKT",
    Role.SECRETARY: "Thư ký Hội đồng",
    Role.LEADER: "Lãnh đạo",
    Role.ADMINISTRATOR: "Quản trị hệ thống",
}


def grant_permissions(apps, permissions_by_role: dict[str, list[str]]) -> None:
    """Create the role groups if missing and add ``app_label.codename`` permissions to them.

    Called from data migrations with the historical app registry; it first creates the
    permissions of every installed model, which Django would otherwise do only after migrate.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, name in GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = permissions_by_role.get(role, [])
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

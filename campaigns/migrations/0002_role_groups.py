from django.db import migrations

from campaigns.roles import grant_permissions

ORGANISATION = [
    "campaigns.view_agency",
    "campaigns.add_unit",
    "campaigns.change_unit",
    "campaigns.view_unit",
    "campaigns.add_person",
    "campaigns.change_person",
    "campaigns.view_person",
]

PERMISSIONS = {
    "secretary": ORGANISATION,
    "leader": ["campaigns.view_agency", "campaigns.view_unit", "campaigns.view_person"],
    "administrator": [
        *ORGANISATION,
        "campaigns.add_agency",
        "campaigns.change_agency",
        "campaigns.delete_unit",
        "campaigns.delete_person",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.view_group",
    ],
}


def create_role_groups(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]

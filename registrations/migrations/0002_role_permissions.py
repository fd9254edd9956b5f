from django.db import migrations

from campaigns.roles import grant_permissions

DESK = ["registrations.view_registration", "registrations.view_personregistrant", "registrations.view_unitregistrant"]
PERMISSIONS = {
    "secretary": [*DESK, "registrations.add_registration", "registrations.change_registration"],
    "leader": DESK,
    "administrator": DESK,
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_registration"), ("campaigns", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

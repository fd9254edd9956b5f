from django.db import migrations

from campaigns.roles import grant_permissions

PERMISSIONS = {
    "secretary": ["ballots.view_ballot", "ballots.add_ballot"],
    "leader": ["ballots.view_ballot"],
    "administrator": ["ballots.view_ballot"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ballots", "0001_ballot"), ("campaigns", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

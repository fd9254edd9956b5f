from django.db import migrations

from campaigns.roles import grant_permissions

REGISTER = ["honours.view_registerentry", "honours.view_recognisedinitiative"]
PERMISSIONS = {
    "secretary": [
        *REGISTER,
        "honours.add_registerentry",
        "honours.change_registerentry",
        "honours.add_recognisedinitiative",
        "honours.change_recognisedinitiative",
    ],
    "leader": REGISTER,
    "administrator": REGISTER,
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("honours", "0001_award_register"), ("campaigns", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

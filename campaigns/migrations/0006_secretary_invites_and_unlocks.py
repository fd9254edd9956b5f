"""The secretariat sees accounts (to invite them to set a password) and, with the administrators,
the sign-in lockouts (to unlock someone by deleting the record): issue 13, items 2 and 7."""

from django.db import migrations

from campaigns.roles import grant_permissions

UNLOCK = ["axes.view_accessattempt", "axes.delete_accessattempt"]

PERMISSIONS = {
    "secretary": ["auth.view_user", *UNLOCK],
    "administrator": UNLOCK,
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_campaign_signer_title"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

from django.db import migrations

from campaigns.roles import grant_permissions

PERMISSIONS = {
    "secretary": ["awards.view_nomineelist", "awards.view_nominee", "awards.view_comment"],
    "leader": ["awards.view_nomineelist", "awards.view_nominee", "awards.view_comment"],
    "administrator": ["awards.view_nomineelist"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("submissions", "0004_scoring_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

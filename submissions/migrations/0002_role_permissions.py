from django.db import migrations

from campaigns.roles import grant_permissions

PERMISSIONS = {
    "secretary": [
        "submissions.view_entry",
        "submissions.change_entry",
        "submissions.view_attachment",
        "submissions.view_entryevent",
        "submissions.add_personaldeadline",
        "submissions.view_personaldeadline",
    ],
    "leader": ["submissions.view_entry", "submissions.view_attachment", "submissions.view_entryevent"],
    "administrator": ["submissions.view_entry", "submissions.view_personaldeadline"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0001_initial"), ("criteria", "0002_role_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

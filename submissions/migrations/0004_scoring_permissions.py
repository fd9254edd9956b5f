from django.db import migrations

from campaigns.roles import grant_permissions

PERMISSIONS = {
    "council_member": ["submissions.view_assignment"],
    "secretary": [
        "submissions.view_assignment",
        "submissions.add_assignment",
        "submissions.view_scorechange",
    ],
    "leader": ["submissions.view_scorechange"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0003_scorechange_assignment_entryresult_score"),
        ("campaigns", "0003_campaign_scores_locked_at"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

from django.db import migrations

from campaigns.roles import grant_permissions

CONFIGURATION = ["campaign", "reformarea", "criterion", "awardform", "councilmember", "declaredconflict"]
APP_OF = {"campaign": "campaigns", "reformarea": "campaigns"}


def _perms(actions, models):
    return [f"{APP_OF.get(model, 'criteria')}.{action}_{model}" for model in models for action in actions]


PERMISSIONS = {
    "secretary": _perms(["add", "change", "delete", "view"], CONFIGURATION),
    "leader": _perms(["view"], CONFIGURATION),
    "administrator": _perms(["view"], CONFIGURATION),
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0001_initial"), ("campaigns", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

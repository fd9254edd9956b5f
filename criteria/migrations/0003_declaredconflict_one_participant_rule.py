"""The declared conflict's "exactly one of unit / person" check now comes from ``ParticipantMixin``.

The rule is the same; only the order of its terms changed (person first, as on every model that
belongs to one participant). The database's check is equivalent, so only the migration state moves.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0008_neutral_help_text_examples"),
        ("criteria", "0002_role_permissions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="declaredconflict",
                    name="criteria_declaredconflict_unit_xor_person",
                ),
                migrations.AddConstraint(
                    model_name="declaredconflict",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("person__isnull", False), ("unit__isnull", True)),
                            models.Q(("person__isnull", True), ("unit__isnull", False)),
                            _connector="OR",
                        ),
                        name="criteria_declaredconflict_unit_xor_person",
                        violation_error_message="Chọn đúng một: hoặc một đơn vị, hoặc một cá nhân.",
                    ),
                ),
            ],
        ),
    ]

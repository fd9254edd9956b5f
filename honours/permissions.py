"""Who may read and keep the award register.

The secretary keeps the register (imports earlier years, corrects imported rows) and records
recognised initiatives; leaders and administrators read it in the admin. Every signed-in member
of staff reads their own awards; a unit's history is read by its head, leaders and the secretary.
"""

import rules

from campaigns.permissions import grant, is_leader, is_secretary, sees_organisation

grant("honours.registerentry", view=sees_organisation, add=is_secretary, change=is_secretary)
grant("honours.recognisedinitiative", view=sees_organisation, add=is_secretary, change=is_secretary)


@rules.predicate
def heads_unit(user, unit) -> bool:
    return unit is not None and unit.head_id is not None and unit.head.user_id == user.pk


may_view_unit_honours = heads_unit | is_leader | is_secretary
rules.add_perm("honours.view_own_honours", rules.is_authenticated)
rules.add_perm("honours.view_unit_honours", may_view_unit_honours)

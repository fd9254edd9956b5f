"""Who sees rankings and award lists and acts on them (the rules are explained in campaigns.permissions)."""

import rules

from awards.enums import ListStatus
from campaigns.permissions import grant, is_administrator, is_leader, is_secretariat, is_secretary, on_council_side

PUBLIC_STATUSES = (ListStatus.PUBLISHED, ListStatus.APPROVED)


@rules.predicate
def list_is_posted(user, campaign) -> bool:
    return user.is_authenticated and campaign.nominee_lists.filter(status__in=PUBLIC_STATUSES).exists()


# Leaders, the secretariat and council members see rankings; staff once a list is posted.
can_see_ranking = on_council_side | list_is_posted
# The secretariat compiles, publishes, answers comments and records the council's tie decisions.
manages_lists = is_secretariat
# The leader approves (a person's act: asked through the predicate, never passed to a superuser).
approves_lists = is_leader
sees_draft_lists = on_council_side

rules.add_perm("awards.view_ranking", can_see_ranking)
rules.add_perm("awards.manage_nomineelist", manages_lists)
rules.add_perm("awards.view_draft_nomineelist", sees_draft_lists)
grant("awards.nomineelist", view=is_secretary | is_leader | is_administrator)
grant("awards.nominee", view=is_secretary | is_leader)
grant("awards.comment", view=is_secretary | is_leader)

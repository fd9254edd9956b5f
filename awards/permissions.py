from campaigns.enums import Role
from campaigns.permissions import has_role


def can_see_ranking(user, campaign) -> bool:
    """Leaders, the secretariat and council members see rankings; plain staff do not."""
    return has_role(user, Role.LEADER, Role.SECRETARY, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR)

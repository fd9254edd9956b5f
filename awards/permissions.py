from awards.enums import ListStatus
from campaigns.enums import Role
from campaigns.permissions import has_role

PUBLIC_STATUSES = (ListStatus.PUBLISHED, ListStatus.APPROVED)


def can_see_ranking(user, campaign) -> bool:
    """Leaders, the secretariat and council members see rankings; staff once a list is posted."""
    if has_role(user, Role.LEADER, Role.SECRETARY, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR):
        return True
    return user.is_authenticated and campaign.nominee_lists.filter(status__in=PUBLIC_STATUSES).exists()


def manages_lists(user) -> bool:
    """The secretariat compiles, publishes, answers comments and records the council's tie decisions."""
    return has_role(user, Role.SECRETARY, Role.ADMINISTRATOR)


def approves_lists(user) -> bool:
    return has_role(user, Role.LEADER)


def sees_draft_lists(user) -> bool:
    return has_role(user, Role.LEADER, Role.SECRETARY, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR)

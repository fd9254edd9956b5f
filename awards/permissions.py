from awards.enums import ListStatus
from campaigns.enums import Role
from campaigns.permissions import has_role, on_council_side

PUBLIC_STATUSES = (ListStatus.PUBLISHED, ListStatus.APPROVED)


def can_see_ranking(user, campaign) -> bool:
    """Leaders, the secretariat and council members see rankings; staff once a list is posted."""
    if on_council_side(user):
        return True
    return user.is_authenticated and campaign.nominee_lists.filter(status__in=PUBLIC_STATUSES).exists()


def manages_lists(user) -> bool:
    """The secretariat compiles, publishes, answers comments and records the council's tie decisions."""
    return has_role(user, Role.SECRETARY, Role.ADMINISTRATOR)


def approves_lists(user) -> bool:
    return has_role(user, Role.LEADER)


sees_draft_lists = on_council_side

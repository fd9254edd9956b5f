from django.utils.functional import SimpleLazyObject

from campaigns.permissions import roles_of
from campaigns.queries import home_agency


def site(request):
    """The agency for the footer and document headers, and the user's roles for the navigation."""
    return {
        "home_agency": SimpleLazyObject(home_agency),
        "user_roles": SimpleLazyObject(lambda: roles_of(request.user)),
    }

from django.utils.functional import SimpleLazyObject

from campaigns.queries import home_agency


def site(request):
    """The agency for the footer and document headers."""
    return {"home_agency": SimpleLazyObject(home_agency)}

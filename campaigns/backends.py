"""Signing in: Django's model backend, loading the user with their role groups. What a user may do
is answered by the rules (``rules.permissions.ObjectPermissionBackend``, see campaigns.permissions)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class RoleAwareBackend(ModelBackend):
    """Loads the signed-in user of each request with their groups prefetched, so that the pages and
    the admin, asking the rules (``roles_of``) many times, read the roles in one query per request.

    It grants no permission itself: the role groups' permissions in the database (from the data
    migrations) describe the rules, they do not add to them (tests/test_permission_matrix.py)."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager
        try:
            user = users.prefetch_related("groups").get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        return set()

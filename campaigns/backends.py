"""Signing in: Django's model backend, with the user's roles read in the same query as the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from campaigns.permissions import with_roles


class RoleAwareBackend(ModelBackend):
    """Loads the signed-in user of each request together with their role groups, so that pages
    asking ``roles_of`` (the navigation, every permission check) run one query for both."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager
        try:
            user = with_roles(users.all()).get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

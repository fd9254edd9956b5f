"""Test settings: the base settings with only what tests need changed."""

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="thidua-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# Sign-in throttling needs the request that Client.login() does not pass; its own test turns it on.
AUTHENTICATION_BACKENDS = ["campaigns.backends.RoleAwareBackend", "rules.permissions.ObjectPermissionBackend"]
AXES_ENABLED = False

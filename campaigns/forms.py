import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from campaigns.models import Unit
from campaigns.services import validate_unit_parent

UserModel = get_user_model()


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's refusal on the fields it names, or above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["agency", "parent", "code", "name", "order", "head", "is_sample"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agency"):
            self.instance.agency = cleaned["agency"]
            validate_unit_parent(unit=self.instance, parent=cleaned.get("parent"))
        return cleaned


class AccountPasswordResetForm(PasswordResetForm):
    """ "Quên mật khẩu?" also serves active accounts that have no password yet (imported ones).

    Django skips them because elsewhere they may sign in through another system; here every
    account signs in with a password, and the link goes only to the account's own address
    (issue 13, item 7).
    """

    def get_users(self, email):
        email_field = UserModel.get_email_field_name()
        users = UserModel._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        return (user for user in users if _same_address(email, getattr(user, email_field)))

    def save(self, **kwargs):
        """The link points at SITE_URL, as every other mail does, not at the host the request named."""
        site = urlsplit(settings.SITE_URL)
        return super().save(**{**kwargs, "domain_override": site.netloc, "use_https": site.scheme == "https"})


def _same_address(typed: str, stored: str) -> bool:
    """Case-insensitive Unicode comparison, as Django's own reset form makes it."""
    return unicodedata.normalize("NFKC", typed).casefold() == unicodedata.normalize("NFKC", stored).casefold()

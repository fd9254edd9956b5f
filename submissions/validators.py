"""Checks of evidence files: type by content, size, and a sane original name."""

import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from common.validators import range_error, step_error

# Allowed kinds of evidence: detected from the file's bytes, not from its name.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
OLE2_TYPES = {"doc", "xls"}
MAX_NAME_LENGTH = 200


def clean_file_name(name: str) -> str:
    """The original name as users will see it again, or a ValidationError explaining what is wrong."""
    name = unicodedata.normalize("NFC", name or "")
    if "\x00" in name:
        raise ValidationError(_("Tên tệp chứa ký tự rỗng (NUL); hãy đổi tên tệp rồi chọn lại."))
    if any(ch in name for ch in "/\\") or name in {".", ".."}:
        raise ValidationError(_("Tên tệp “%(name)s” chứa đường dẫn; hãy đổi tên tệp rồi chọn lại.") % {"name": name})
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValidationError(_("Tên tệp chứa ký tự điều khiển; hãy đổi tên tệp rồi chọn lại."))
    if not name.strip(" .") or "." not in name:
        raise ValidationError(_("Tên tệp phải có phần mở rộng, ví dụ: bao-cao.pdf."))
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("Tên tệp dài %(length)d ký tự; hãy rút gọn còn tối đa %(max)d ký tự.")
            % {"length": len(name), "max": MAX_NAME_LENGTH}
        )
    return name


def validate_evidence(uploaded) -> tuple[str, str]:
    """Check one uploaded file; return its cleaned name and content type, or raise ValidationError."""
    name = clean_file_name(uploaded.name)
    limit = settings.EVIDENCE_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s; hãy nén hoặc tách tệp.")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    if uploaded.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head) if len(head) >= 4 else None
    extension = name.rsplit(".", 1)[-1].lower()
    extension = EXTENSION_ALIASES.get(extension, extension)
    allowed = ", ".join(sorted({"PDF", "Word", "Excel", "JPEG", "PNG"}))
    if kind is None or kind.extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải PDF, Word, Excel, JPEG hay PNG (xét theo nội dung tệp). Loại được phép: %(allowed)s."
            )
            % {"name": name, "allowed": allowed}
        )
    detected = kind.extension
    if detected in OLE2_TYPES and extension in OLE2_TYPES:
        detected = extension  # old Word and Excel files share one container format
    if extension != detected:
        raise ValidationError(
            _("Tệp “%(name)s” có đuôi .%(ext)s nhưng nội dung là %(real)s; hãy đổi đúng đuôi tệp.")
            % {"name": name, "ext": extension, "real": kind.extension.upper()}
        )
    return name, ALLOWED_TYPES[detected]


def points_error(value, *, maximum, step) -> str | None:
    """Why ``value`` is not a valid number of points for a criterion, or None."""
    return range_error(value, lower=0, upper=maximum) or step_error(value, step)

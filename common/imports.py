"""What an import shows when it goes wrong: a Vietnamese message, never a traceback.

django-import-export prints a traceback (server paths included) under every error of a whole
file, and names the exception class when a file cannot be read. Here the person importing reads
the message written for them; anything the code did not write a message for is logged with its
traceback for the administrator and shown as a general message.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.results import Error

from common.excel import XLSX, TooManyRows

logger = logging.getLogger(__name__)


def unexpected_error_message() -> str:
    return _("Không nhập được tệp do lỗi của hệ thống; lỗi đã được ghi lại để quản trị viên kiểm tra.")


class ShownError(Error):
    """An import error as the import page shows it. ``ValueError`` and ``ValidationError`` carry
    the messages the resources and widgets write; any other exception is logged and replaced."""

    traceback = ""  # the import page prints this under each error of a whole file

    def __init__(self, error, row=None, number=None):
        if not isinstance(error, ValueError | ValidationError):
            logger.error("Import failed at row %s", number, exc_info=error)
            error = ValueError(unexpected_error_message())
        super().__init__(error, row=row, number=number)


class ImportMessagesAdmin:
    """For every admin with an Excel import: Excel only (our reader and formula-safe writer, in
    ``common.excel``), and a file that cannot be read is refused in Vietnamese."""

    import_formats = export_formats = [XLSX]

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, TooManyRows):
            message = str(e)
        else:
            logger.warning("Import file could not be read", exc_info=e)
            message = _("Không đọc được tệp. Hãy chọn tệp Excel (.xlsx) lập theo mẫu của trang này.")
        form.add_error("import_file", message)

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    SOLUTION = "solution", _("Giải pháp")
    ACHIEVEMENT = "achievement", _("Thành tích")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi")
    ENDORSED = "endorsed", _("Đơn vị đã xác nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")
    UNDER_REVIEW = "under_review", _("Đang chấm")
    SCORED = "scored", _("Đã chấm xong")
    WITHDRAWN = "withdrawn", _("Đã rút")


# Groups of states (set after the class: an attribute in the body would become a member).
# The author may change the content in these states, while the campaign is open:
EntryStatus.EDITABLE = (EntryStatus.DRAFT, EntryStatus.RETURNED)
# The author may withdraw the entry in these states, before review starts:
EntryStatus.WITHDRAWABLE = (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.ENDORSED, EntryStatus.RETURNED)


class EntryAction(models.TextChoices):
    """What happened to an entry, as its timeline shows it."""

    CREATED = "created", _("Tạo bản nháp")
    EDITED = "edited", _("Sửa nội dung")
    SUBMITTED = "submitted", _("Gửi bài")
    ENDORSED = "endorsed", _("Thủ trưởng đơn vị xác nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")
    WITHDRAWN = "withdrawn", _("Rút bài")
    FILE_ADDED = "file_added", _("Thêm minh chứng")
    FILE_REMOVED = "file_removed", _("Gỡ minh chứng")
    COAUTHOR_CONFIRMED = "coauthor_confirmed", _("Đồng tác giả xác nhận")
    COAUTHOR_DECLINED = "coauthor_declined", _("Đồng tác giả từ chối")

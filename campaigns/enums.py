from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in the system; each role is a Django group (see ``campaigns.roles``)."""

    STAFF = "staff", _("Cán bộ, công chức")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    COUNCIL_MEMBER = "council_member", _("Ủy viên Hội đồng TĐKT")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    LEADER = "leader", _("Lãnh đạo")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# Roles whose work happens (at least partly) in the Django admin: they get ``is_staff``.
ADMIN_SITE_ROLES = (Role.COUNCIL_MEMBER, Role.SECRETARY, Role.LEADER, Role.ADMINISTRATOR)


class CampaignKind(models.TextChoices):
    THEMATIC = "thematic", _("Thi đua theo chuyên đề (theo đợt)")
    REGULAR = "regular", _("Thi đua thường xuyên")


class CampaignStatus(models.TextChoices):
    """The stored status; what users see also depends on the moment (see ``Campaign.state_at``)."""

    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


class CampaignState(models.TextChoices):
    """The status as of a moment: a launched campaign past its closing moment is already over."""

    DRAFT = "draft", _("Dự thảo")
    UPCOMING = "upcoming", _("Sắp mở")
    OPEN = "open", _("Đang mở")
    ENDED = "ended", _("Đã kết thúc")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Trung bình cộng")
    MEDIAN = "median", _("Trung vị")
    TRIMMED_MEAN = "trimmed_mean", _("Trung bình bỏ điểm cao nhất và thấp nhất (từ 5 thành viên)")


class ParticipantRule(models.TextChoices):
    BEST_K_SUM = "best_k_sum", _("Tổng điểm K bài cao nhất")
    BEST = "best", _("Điểm bài cao nhất")
    MEAN = "mean", _("Trung bình các bài")


class ParticipantKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class TieBreak(models.TextChoices):
    """How participants with equal scores are told apart (DESIGN.md rule 6). Never by submission time."""

    NONE = "none", _("Không phân định: bằng điểm thì đồng hạng")
    BEST_ENTRY = "best_entry", _("Điểm bài cao nhất (bằng cả điểm bài cao nhất thì đồng hạng)")


class UnregisteredPolicy(models.TextChoices):
    """What happens to an entry from a participant who did not register, in a campaign that asks for
    registration (đăng ký thi đua; see ``registrations``)."""

    REFUSE = "refuse", _("Không nhận bài của người chưa đăng ký")
    FLAG = "flag", _("Nhận bài, đánh dấu “chưa đăng ký — cần Hội đồng quyết định”")

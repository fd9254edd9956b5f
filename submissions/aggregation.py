"""How members' points for one criterion become one number (DESIGN.md, rule 4)."""

import statistics
from decimal import ROUND_HALF_UP, Decimal

from campaigns.enums import Aggregation

PRECISION = Decimal("0.001")
TRIM_FROM = 5  # the trimmed mean drops the highest and lowest only from five members up


def aggregate(points: list[Decimal], method: str) -> Decimal:
    """The mean, median or trimmed mean of ``points``, rounded half-up to three decimals."""
    if not points:
        raise ValueError("no points to aggregate")
    values = sorted(points)
    if method == Aggregation.MEDIAN:
        result = statistics.median(values)
    elif method == Aggregation.TRIMMED_MEAN and len(values) >= TRIM_FROM:
        inner = values[1:-1]
        result = sum(inner, Decimal(0)) / len(inner)
    else:
        result = sum(values, Decimal(0)) / len(values)
    return Decimal(result).quantize(PRECISION, rounding=ROUND_HALF_UP)


def spread(points: list[Decimal]) -> Decimal:
    """Highest minus lowest: how far members disagree."""
    return max(points) - min(points) if points else Decimal(0)


def complete_members(points_by_member: dict, criterion_ids) -> list:
    """The members who scored every one of ``criterion_ids``, in the order of ``points_by_member``.

    ``points_by_member`` maps a member to its points by criterion id. Only these members' points
    make an entry's result (DESIGN.md, rule 4); when no criterion applies, no member is complete.
    """
    wanted = set(criterion_ids)
    return [member for member, points in points_by_member.items() if wanted and wanted <= points.keys()]

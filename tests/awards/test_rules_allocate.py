"""The award rules (DESIGN.md rule 8) on one worked example, checked by hand.

Ten individuals, one entry each, all submitted at the same moment, so equal scores share a rank::

    participant   score   rank
    An            95      1
    Bình          92      2      } tied
    Chi           92      2      }
    Dũng          88      4
    Em            85      5
    Giang         80      6      } tied
    Hà            80      6      }
    Khánh         79.5    8
    Lan           70      9
    Minh          60      10

Three award forms for individuals, created in the order F3, F1, F2 (precedence decides, not the
order of creation):

* F1 "Bằng khen của Chủ tịch UBND tỉnh": precedence 1, minimum 90, at most 2 people.
  At or above 90: An, Bình, Chi (Dũng's 88 is below). The quota of 2 cuts after Bình, but Chi
  shares Bình's rank 2, so both are kept and flagged for the council; An, inside the cut and not
  tied with anyone outside it, is not flagged. F1 -> An, Bình (flagged), Chi (flagged).
* F2 "Giấy khen của Trưởng Ban Dân tộc": precedence 2, minimum 80, at most 3 people and at most
  25 %. 25 % of the 10 ranked is 2.5, floored to 2; the smaller of 3 and 2 is 2. Not already given
  F1 and at or above 80: Dũng 88, Em 85, Giang 80, Hà 80 (80 is exactly the minimum: it counts).
  The cut after Em (rank 5) splits no tie, so Giang and Hà are cut without a flag; the line is 85.
  F2 -> Dũng, Em.
* F3 "Giấy chứng nhận của Hội đồng Thi đua - Khen thưởng": precedence 3, minimum 80, at most 15 %.
  15 % of 10 is 1.5, floored to 1. Left and at or above 80: Giang, Hà (Khánh's 79.5 is below).
  The cut after Giang splits the tie at rank 6: both kept, both flagged. F3 -> Giang (flagged),
  Hà (flagged).
* Khánh, Lan and Minh get nothing. Nobody gets two forms (Bình and Chi also reach F2's minimum).

With two collectives (Phòng Dân tộc 90, Văn phòng Ban 70) and one collective form (minimum 75, no
quota), only Phòng Dân tộc is nominated: the individuals' forms never go to units, and the
percentages above are of the 10 ranked individuals, not of all 12 participants.
"""

from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import pytest

from awards.rules import allocate, nominated_forms, quota_of
from awards.services.compilation import compile_nominees
from campaigns.enums import ParticipantKind

EXAMPLE = [
    ("An", "95"),
    ("Bình", "92"),
    ("Chi", "92"),
    ("Dũng", "88"),
    ("Em", "85"),
    ("Giang", "80"),
    ("Hà", "80"),
    ("Khánh", "79.5"),
    ("Lan", "70"),
    ("Minh", "60"),
]
RANKS = [1, 2, 2, 4, 5, 6, 6, 8, 9, 10]
F1 = "Bằng khen của Chủ tịch UBND tỉnh"
F2 = "Giấy khen của Trưởng Ban Dân tộc"
F3 = "Giấy chứng nhận của Hội đồng Thi đua - Khen thưởng"
# (award form, participant, rank, flagged), in list order, as worked out in the module docstring.
EXPECTED = [
    (F1, "An", 1, False),
    (F1, "Bình", 2, True),
    (F1, "Chi", 2, True),
    (F2, "Dũng", 4, False),
    (F2, "Em", 5, False),
    (F3, "Giang", 6, True),
    (F3, "Hà", 6, True),
]


@dataclass
class Row:
    """The parts of a ranking row the rules read."""

    name: str
    score: Decimal
    rank: int

    @property
    def key(self):
        return (self.name, None)


def form(pk, name, *, precedence, min_score, quota_count=None, quota_percent=None):
    return SimpleNamespace(
        pk=pk,
        name=name,
        precedence=precedence,
        min_score=Decimal(str(min_score)),
        quota_count=quota_count,
        quota_percent=None if quota_percent is None else Decimal(str(quota_percent)),
    )


def example_rows():
    return [Row(name, Decimal(score), rank) for (name, score), rank in zip(EXAMPLE, RANKS, strict=True)]


def example_forms():
    """F3, F1, F2: created out of precedence order."""
    return [
        form(1, F3, precedence=3, min_score=80, quota_percent=15),
        form(2, F1, precedence=1, min_score=90, quota_count=2),
        form(3, F2, precedence=2, min_score=80, quota_count=3, quota_percent=25),
    ]


def as_table(outcomes):
    return [(o.form.name, r.name, r.rank, r.key in o.tie_keys) for o in outcomes for r in o.rows]


# --- quota_of ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quota_count", "quota_percent", "ranked", "expected"),
    [
        (None, None, 10, None),  # no quota: everyone at or above the minimum
        (5, None, 10, 5),
        (None, "25", 10, 2),  # 2.5 floored
        (None, "15", 10, 1),  # 1.5 floored
        (None, "33.33", 3, 0),  # 0.9999 floored: nobody, never rounded up
        (None, "100", 7, 7),
        (3, "25", 10, 2),  # both: the smaller (percentage 2 < count 3)
        (1, "50", 10, 1),  # both: the smaller (count 1 < percentage 5)
    ],
)
def test_quota_is_the_smaller_of_count_and_floored_percentage(quota_count, quota_percent, ranked, expected):
    award = form(1, "F", precedence=1, min_score=0, quota_count=quota_count, quota_percent=quota_percent)

    assert quota_of(award, ranked) == expected


# --- allocate, directly -----------------------------------------------------------------------


def test_worked_example_allocates_by_precedence_threshold_quota_and_flags_ties():
    outcomes = allocate(example_rows(), example_forms())

    assert as_table(outcomes) == EXPECTED


def test_worked_example_quotas_and_lines():
    outcomes = allocate(example_rows(), example_forms())

    assert [(o.form.name, o.quota, o.line) for o in outcomes] == [
        (F1, 2, Decimal(92)),
        (F2, 2, Decimal(85)),
        (F3, 1, Decimal(80)),
    ]


def test_nobody_gets_two_forms_and_those_below_every_minimum_get_none():
    nominated = nominated_forms(allocate(example_rows(), example_forms()))

    assert sorted(name for name, _kind in nominated) == ["An", "Bình", "Chi", "Dũng", "Em", "Giang", "Hà"]
    assert [nominated[("Bình", None)][0].name, nominated[("Chi", None)][0].name] == [F1, F1]


def test_a_score_exactly_at_the_minimum_qualifies_and_just_below_does_not():
    rows = [Row("Giang", Decimal("80"), 1), Row("Khánh", Decimal("79.5"), 2)]

    outcomes = allocate(rows, [form(1, F3, precedence=1, min_score=80)])

    assert as_table(outcomes) == [(F3, "Giang", 1, False)]


def test_a_tie_wider_than_the_quota_is_kept_whole_and_flagged():
    rows = [Row("An", Decimal(90), 1), Row("Bình", Decimal(90), 1), Row("Chi", Decimal(90), 1), Row("Dũng", 80, 4)]

    outcomes = allocate(rows, [form(1, F1, precedence=1, min_score=0, quota_count=1)])

    assert as_table(outcomes) == [(F1, "An", 1, True), (F1, "Bình", 1, True), (F1, "Chi", 1, True)]


def test_a_percentage_that_floors_to_zero_gives_the_form_to_nobody():
    rows = [Row("An", Decimal(95), 1), Row("Bình", Decimal(90), 2), Row("Chi", Decimal(85), 3)]

    outcomes = allocate(rows, [form(1, F1, precedence=1, min_score=0, quota_percent="33.33")])

    assert (outcomes[0].quota, as_table(outcomes), outcomes[0].floored_away) == (0, [], 3)


def test_the_same_ranking_always_gives_the_same_allocation():
    first = as_table(allocate(example_rows(), example_forms()))
    again = as_table(allocate(example_rows(), list(reversed(example_forms()))))

    assert again == first


# --- through compile_nominees -------------------------------------------------------------------


@pytest.fixture
def example(closing_world):
    world = closing_world
    world.form(F3, precedence=3, min_score=80, quota_percent=15)
    world.form(F1, precedence=1, min_score=90, quota_count=2)
    world.form(F2, precedence=2, min_score=80, quota_count=3, quota_percent=25)
    world.form("Giấy khen tập thể", kind=ParticipantKind.COLLECTIVE, precedence=1, min_score=75)
    world.enter(world.unit("Phòng Dân tộc"), 90)
    world.enter(world.unit("Văn phòng Ban"), 70)
    world.ranked(EXAMPLE)
    return world


def listed(nominee_list):
    return [
        (
            n.position,
            n.award_form.name,
            n.person.full_name if n.person_id else n.unit.name,
            n.rank,
            n.score,
            n.tie_flag,
        )
        for n in nominee_list.nominees.select_related("award_form", "person", "unit").order_by("position")
    ]


def test_compiled_list_follows_the_worked_example(example):
    nominee_list = compile_nominees(campaign=example.campaign)

    scores = dict(EXAMPLE)
    assert listed(nominee_list) == [(1, "Giấy khen tập thể", "Phòng Dân tộc", 1, Decimal("90.000"), False)] + [
        (position, award, name, rank, Decimal(scores[name]).quantize(Decimal("0.001")), flagged)
        for position, (award, name, rank, flagged) in enumerate(EXPECTED, start=2)
    ]


def test_compiled_rows_carry_a_summary_with_the_score_and_the_entries(example):
    nominee_list = compile_nominees(campaign=example.campaign)

    assert [n.summary for n in nominee_list.nominees.order_by("position")[:2]] == [
        "90 điểm; 1 bài: Sáng kiến của Phòng Dân tộc",
        "95 điểm; 1 bài: Sáng kiến của An",
    ]

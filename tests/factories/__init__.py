from tests.factories.campaigns import (
    AwardFormFactory,
    CampaignFactory,
    CouncilMemberFactory,
    CriterionFactory,
    DeclaredConflictFactory,
    ReformAreaFactory,
)
from tests.factories.organisation import AgencyFactory, PersonFactory, UnitFactory, UserFactory
from tests.factories.scoring import AssignmentFactory, ScoreFactory, ScorerFactory, SubmittedEntryFactory
from tests.factories.submissions import AttachmentFactory, EntryFactory

__all__ = [
    "AgencyFactory",
    "AssignmentFactory",
    "AttachmentFactory",
    "AwardFormFactory",
    "CampaignFactory",
    "CouncilMemberFactory",
    "CriterionFactory",
    "DeclaredConflictFactory",
    "EntryFactory",
    "PersonFactory",
    "ReformAreaFactory",
    "ScoreFactory",
    "ScorerFactory",
    "SubmittedEntryFactory",
    "UnitFactory",
    "UserFactory",
]

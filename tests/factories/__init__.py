from tests.factories.organisation import AgencyFactory, PersonFactory, UnitFactory, UserFactory

__all__ = ["AgencyFactory", "PersonFactory", "UnitFactory", "UserFactory"]

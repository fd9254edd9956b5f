"""Shared set-up for the register tests: the award tests' closing world (plan 169/KH-BDT)."""

from tests.awards.conftest import closing_world  # noqa: F401  the fixture, shared

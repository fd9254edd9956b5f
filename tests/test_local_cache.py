"""The ``local`` cache alias: a short-lived copy in this process of what the shared cache holds."""

import datetime

import time_machine
from django.core.cache import caches


def test_a_value_set_through_the_local_alias_is_in_the_shared_cache():
    caches["local"].set("fragment", "<table>", 3600)

    assert caches["default"].get("fragment") == "<table>"


def test_a_value_another_process_wrote_is_read_from_the_shared_cache():
    caches["default"].set("fragment", "<table>", 3600)

    assert caches["local"].get("fragment") == "<table>"


def test_the_copy_answers_without_the_shared_cache_for_at_most_a_minute():
    start = datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        caches["local"].set("agency", "Ban Dân tộc", 3600)
        caches["default"].set("agency", "Ban Dân tộc tỉnh", 3600)  # renamed by another process
        copy = caches["local"].get("agency")
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        renamed = caches["local"].get("agency")

    assert (copy, renamed) == ("Ban Dân tộc", "Ban Dân tộc tỉnh")


def test_get_or_set_computes_once_and_shares_the_value():
    calls = []

    def compute():
        calls.append(1)
        return "Ban Dân tộc"

    first = caches["local"].get_or_set("agency", compute, 300)
    caches["local"].clear()  # another process: no copy of its own
    second = caches["local"].get_or_set("agency", compute, 300)

    assert (first, second, len(calls), caches["default"].get("agency")) == (
        "Ban Dân tộc",
        "Ban Dân tộc",
        1,
        "Ban Dân tộc",
    )

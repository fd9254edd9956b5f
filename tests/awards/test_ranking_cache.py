"""The ranking page caches a table per page and filter (issue 13, item 12): only pages and filters
that exist make cache entries, so a client walking ``?trang=1..N`` cannot fill the cache.

What is cached is read from the process's copy of the shared cache (``caches["local"]``, every
write goes through it): its keys after a request for the first page are every key the page made.
"""

import pytest
from django.core.cache import caches
from django.urls import reverse

from awards import views
from tests.awards.conftest import ranking_table

pytestmark = pytest.mark.django_db


def cached_keys() -> set[str]:
    return set(caches["local"]._cache)  # LocMemCache's own store: the keys written through it


def get(client, campaign, query: str):
    return client.get(reverse("ranking", args=[campaign.slug]) + "?loai=ca-nhan&" + query)


def names(response) -> list[str]:
    return [row[1] for row in ranking_table(response)]


@pytest.fixture
def two_pages(ranking_world, monkeypatch):
    """Two ranked people on pages of one: page 1 is An (70), page 2 is Bình (60)."""
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    w = ranking_world
    w.entry(w.person("An"), 70)
    w.entry(w.person("Bình"), 60)
    return w.campaign


NO_SUCH_PAGES = ["3", "999999", "0", "-1", "1.5", "abc", "²", "1e3", " 2", "9" * 40]


def test_a_page_that_does_not_exist_is_not_found_and_caches_nothing(two_pages, ranking_leader_client):
    assert get(ranking_leader_client, two_pages, "trang=1").status_code == 200
    assert get(ranking_leader_client, two_pages, "trang=2").status_code == 200
    before = cached_keys()

    statuses = {page: get(ranking_leader_client, two_pages, f"trang={page}").status_code for page in NO_SUCH_PAGES}

    assert statuses == dict.fromkeys(NO_SUCH_PAGES, 404)
    assert cached_keys() == before


def test_each_page_that_exists_is_served_and_cached_once(two_pages, ranking_leader_client):
    first = get(ranking_leader_client, two_pages, "trang=1")
    after_first = cached_keys()
    second = get(ranking_leader_client, two_pages, "trang=2")
    after_second = cached_keys()
    again = get(ranking_leader_client, two_pages, "trang=2")

    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 200)
    assert (names(first), names(second), names(again)) == (["An"], ["Bình"], ["Bình"])
    assert len(after_second - after_first) == 1
    assert cached_keys() == after_second


SAME_AS_THE_FIRST_PAGE = [
    "",  # no page is the first page
    "trang=01",
    "noi-dung=99",  # no such area
    "noi-dung=%C2%B2",  # a digit that is no number
    "don-vi=khong-co",  # no such unit
    "noi-dung=x&don-vi=&trang=1",
]


def test_unknown_filters_and_other_spellings_of_the_first_page_reuse_its_cache_entry(two_pages, ranking_leader_client):
    get(ranking_leader_client, two_pages, "trang=1")
    before = cached_keys()

    shown = {query: names(get(ranking_leader_client, two_pages, query)) for query in SAME_AS_THE_FIRST_PAGE}

    assert shown == dict.fromkeys(SAME_AS_THE_FIRST_PAGE, ["An"])
    assert cached_keys() == before


def test_the_whole_list_is_one_cache_entry_whatever_page_is_asked(two_pages, ranking_leader_client):
    get(ranking_leader_client, two_pages, "tat-ca=1")
    before = cached_keys()

    responses = [get(ranking_leader_client, two_pages, f"tat-ca=1&trang={page}") for page in (1, 2, 7)]

    assert [(r.status_code, names(r)) for r in responses] == [(200, ["An", "Bình"])] * 3
    assert cached_keys() == before


def test_a_tie_across_the_page_boundary_is_flagged_on_both_pages(ranking_world, ranking_leader_client, monkeypatch):
    """The database cuts the page after ranking everyone: rank and "đồng hạng" are the whole ranking's."""
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    w = ranking_world
    w.entry(w.person("An"), 70)
    w.entry(w.person("Bình"), 70)
    w.entry(w.person("Chi"), 60)

    pages = [ranking_table(get(ranking_leader_client, w.campaign, f"trang={page}")) for page in (1, 2, 3)]

    assert [(rows[0][0], rows[0][1]) for rows in pages] == [
        ("1 đồng hạng", "An"),
        ("1 đồng hạng", "Bình"),
        ("3", "Chi"),
    ]
    assert get(ranking_leader_client, w.campaign, "trang=4").status_code == 404

"""Routing by address (base/routing.py): one query for the page an address is for, its
state and privacy read from the database, Wagtail's routing where the memo is out of date."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from base.models import BasePage, HomePage
from guidance.models import ArticlePage

pytestmark = pytest.mark.usefixtures("staff_area")


@pytest.fixture
def pages():
    home = HomePage.objects.get(locale__language_code="sv")
    upper = home.add_child(instance=ArticlePage(title="Övre", slug="ovre"))
    lower = upper.add_child(instance=ArticlePage(title="Undre", slug="undre", intro="Längst ner."))
    return upper, lower


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_page_two_levels_down_costs_three_queries_fewer_than_wagtails_routing(
    client, pages, monkeypatch
):
    _upper, lower = pages
    client.get(lower.url + "?a=0")  # the memo of addresses, read once per generation
    ours = queries_for(client, lower.url + "?a=1")
    monkeypatch.setattr(BasePage, "route", Page.route)
    wagtails = queries_for(client, lower.url + "?a=2")
    # Wagtail reads each level's child and then its specific page; here only the page itself.
    assert wagtails - ours == 3, (wagtails, ours)


def test_whether_a_page_is_live_is_read_from_the_database(client, pages):
    _upper, lower = pages
    assert "Längst ner." in client.get(lower.url + "?a=1").content.decode()
    # Unpublished behind the signals' back: the same generation, the same memo.
    Page.objects.filter(pk=lower.pk).update(live=False)
    assert client.get(lower.url + "?a=2").status_code == 404


def test_view_restrictions_are_read_from_the_database(client, pages):
    upper, lower = pages
    assert client.get(lower.url + "?a=1").status_code == 200
    # bulk_create sends no signal: the same generation, the same memo.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=upper, restriction_type=PageViewRestriction.LOGIN)]
    )
    response = client.get(lower.url + "?a=2")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_page_moved_behind_the_memos_back_is_routed_by_wagtail(client, pages):
    upper, lower = pages
    old_url = lower.url
    assert client.get(old_url + "?a=1").status_code == 200
    Page.objects.filter(pk=lower.pk).update(slug="flyttad", url_path=f"{upper.url_path}flyttad/")
    assert client.get(old_url + "?a=2").status_code == 404
    response = client.get(f"{upper.url}flyttad/?a=3")
    assert response.status_code == 200
    assert "Längst ner." in response.content.decode()


def test_a_renamed_page_answers_at_its_new_address_at_once(client, pages):
    upper, lower = pages
    old_url = lower.url
    assert client.get(old_url + "?a=1").status_code == 200
    lower.slug = "ny-adress"
    lower.save_revision().publish()
    assert client.get(f"{upper.url}ny-adress/?a=2").status_code == 200
    assert client.get(old_url + "?a=3").status_code == 404


def test_an_address_below_a_page_without_children_is_not_found(client, pages):
    _upper, lower = pages
    assert client.get(lower.url + "saknas/?a=1").status_code == 404
    assert client.get("/finns-inte/alls/?a=1").status_code == 404

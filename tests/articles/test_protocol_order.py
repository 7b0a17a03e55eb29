"""Leaders in protocol order wherever a list of them appears (#19 item 5): the
search form's leader filter (it was in code-point order), the admin's list and
the article form's autocomplete of leaders."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from people.models import Official
from tests.factories import OfficialFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaders():
    """Named so that code-point order is the reverse of protocol order."""
    secretary = OfficialFactory(name="赵书记", slug="zhao")
    mayor = OfficialFactory(name="李区长", slug="li")
    deputy = OfficialFactory(name="安副区长", slug="an")
    former = OfficialFactory(name="白前任", slug="bai")
    PositionFactory(official=secretary, title="区委书记", rank=10)
    PositionFactory(official=mayor, title="区长", rank=20)
    PositionFactory(official=deputy, title="副区长", rank=60)
    PositionFactory(
        official=former,
        title="区委书记",
        rank=10,
        end_date=datetime.date(2021, 1, 1),
    )
    return ["赵书记", "李区长", "安副区长", "白前任"]


def test_the_queryset_puts_current_leaders_by_rank_then_the_others(leaders):
    names = list(Official.objects.in_protocol_order().values_list("name", flat=True))

    assert names == leaders
    assert sorted(leaders) != leaders  # code-point order would differ


def test_the_search_forms_leader_filter_is_in_protocol_order(client, leaders):
    page = client.get(reverse("search")).content.decode()

    select = page[page.index('name="official"') : page.index("</select>")]
    assert re.findall(r">([^<>]+)</option>", select)[1:] == leaders


def test_the_admin_lists_leaders_in_protocol_order(admin_client, leaders):
    page = admin_client.get(reverse("admin:people_official_changelist")).content
    text = page.decode()

    assert [text.index(name) for name in leaders] == sorted(
        text.index(name) for name in leaders
    )


def test_the_article_forms_autocomplete_offers_leaders_in_protocol_order(
    admin_client, leaders
):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "officials",
            "term": "",
        },
    )

    found = [item["text"] for item in json.loads(response.content)["results"]]
    assert found == leaders

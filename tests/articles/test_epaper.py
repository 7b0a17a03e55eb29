import datetime

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def edition(day, page, name, order, title, **kwargs):
    return ArticleFactory(
        edition_date=day,
        page_number=page,
        page_name=name,
        page_order=order,
        title=title,
        **kwargs,
    )


def test_each_page_lists_its_articles_in_print_order(client):
    day = D(2023, 11, 24)
    edition(day, 2, "综合", 1, "二版头条")
    edition(day, 1, "要闻", 2, "一版二条")
    edition(day, 1, "要闻", 1, "一版头条")
    edition(day, 1, "要闻", 3, "一版草稿", status="draft")

    response = client.get(reverse("epaper_day", args=["2023-11-24"]))

    pages = [
        (p["number"], p["name"], [a.title for a in p["articles"]])
        for p in response.context["pages"]
    ]
    assert pages == [(1, "要闻", ["一版头条", "一版二条"]), (2, "综合", ["二版头条"])]
    assert "一版草稿" not in response.content.decode()


def test_previous_and_next_editions_are_linked_and_latest_is_the_default(client):
    for day in (D(2023, 11, 20), D(2023, 11, 22), D(2023, 11, 24)):
        edition(day, 1, "要闻", 1, f"{day}的稿件")

    middle = client.get(reverse("epaper_day", args=["2023-11-22"]))
    latest = client.get(reverse("epaper"))

    assert (middle.context["previous_day"], middle.context["next_day"]) == (
        D(2023, 11, 20),
        D(2023, 11, 24),
    )
    assert latest.context["day"] == D(2023, 11, 24)
    assert latest.context["next_day"] is None


@pytest.mark.parametrize("date", ["2023-11-25", "2023-13-01", "yesterday"])
def test_days_without_an_edition_are_not_found(client, date):
    edition(D(2023, 11, 24), 1, "要闻", 1, "稿件")
    assert client.get(reverse("epaper_day", args=[date])).status_code == 404


def test_no_edition_at_all_is_not_found(client):
    assert client.get(reverse("epaper")).status_code == 404

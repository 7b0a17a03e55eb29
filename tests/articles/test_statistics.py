"""The desk's statistics: bylines counted the way newsrooms count them, tables
and the Excel export agreeing, filters, and each person's own numbers only."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.urls import reverse

from articles.models import Article, Byline
from articles.statistics import statistics
from newsroom import roles
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    DepartmentFactory,
    ReporterFactory,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
URL = reverse("admin:articles_article_statistics")
R = Byline.Role


def at(month, day, hour=10):
    return datetime.datetime(2026, month, day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def newsroom(make_user):
    """Four published pieces in October and November 2026, one draft, one old."""
    user = make_user(roles.REPORTER, "jing")
    jing = ReporterFactory(name="景静", user=user)
    sun = ReporterFactory(name="孙扩龙", kind=R.CORRESPONDENT, unit="区商务局")
    li = ReporterFactory(name="李明", kind=R.PHOTOGRAPHER)
    commerce = DepartmentFactory(name="区商务局")
    housing = DepartmentFactory(name="区住建局")
    both, photo = [(jing, R.REPORTER), (sun, R.CORRESPONDENT)], (li, R.PHOTOGRAPHER)
    pieces = [
        # (published, page, bylines, departments)
        (at(10, 8), (1, "要闻"), both, [commerce]),
        (at(10, 20), (1, "要闻"), [(jing, R.REPORTER), photo], [housing]),
        (at(11, 3), (2, "综合"), [(sun, R.CORRESPONDENT)], [commerce, housing]),
        # The first minutes of 1 November in Beijing are still October in UTC.
        (at(11, 1, 0), (None, ""), [(jing, R.REPORTER)], []),
    ]  # fmt: skip
    for when, (number, name), bylines, departments in pieces:
        article = ArticleFactory(
            published_at=when,
            edition_date=when.date() if number else None,
            page_number=number,
            page_name=name,
        )
        for order, (reporter, role) in enumerate(bylines):
            BylineFactory(article=article, reporter=reporter, role=role, order=order)
        article.departments.set(departments)
    unpublished = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    BylineFactory(article=unpublished, reporter=sun, role=R.CORRESPONDENT)
    old = ArticleFactory(published_at=at(1, 5))
    BylineFactory(article=old, reporter=jing)
    return {"jing": user, "commerce": commerce}


def table(found, key):
    return next(t for t in found.tables if t.key == key).rows


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor")


def test_each_named_author_gets_the_piece(newsroom, editor):
    found = statistics(
        editor, start=datetime.date(2026, 10, 1), end=datetime.date(2026, 11, 30)
    )
    assert found.articles == 4
    assert table(found, "authors") == [
        ("景静", "", "记者", 3),
        ("孙扩龙", "区商务局", "通讯员", 2),
        ("李明", "", "摄影", 1),
    ]
    assert table(found, "roles") == [("记者", 3), ("通讯员", 2), ("摄影", 1)]
    assert table(found, "departments") == [("区住建局", 2), ("区商务局", 2)]
    assert table(found, "pages") == [
        ("未见报", "", 1),
        ("第1版", "要闻", 2),
        ("第2版", "综合", 1),
    ]
    assert table(found, "months") == [("2026年10月", 2), ("2026年11月", 2)]


def test_the_range_and_filters_narrow_every_table(newsroom, editor):
    found = statistics(
        editor,
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 11, 30),
        department=newsroom["commerce"],
    )
    assert found.articles == 1
    assert table(found, "authors") == [("孙扩龙", "区商务局", "通讯员", 1)]
    by_role = statistics(
        editor,
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 11, 30),
        role=R.CORRESPONDENT,
    )
    assert by_role.articles == 2
    assert table(by_role, "authors") == [("孙扩龙", "区商务局", "通讯员", 2)]


def test_a_reporter_sees_only_their_own(newsroom):
    found = statistics(
        newsroom["jing"],
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 11, 30),
    )
    assert not found.everyone
    assert found.articles == 3
    assert table(found, "authors") == [("景静", "", "记者", 3)]
    assert table(found, "roles") == [("记者", 3)]


def test_the_page_and_the_excel_file_hold_the_same_numbers(newsroom, editor):
    client = login(editor)
    query = {"start": "2026-10-01", "end": "2026-11-30"}
    page = client.get(URL, query)
    assert page.status_code == 200
    assert '<strong id="desk-stats-total">4</strong>' in page.content.decode()

    export = client.get(URL, {**query, "format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    assert book.sheetnames == ["按作者", "按署名身份", "按涉及部门", "按版面", "按月份"]
    authors = [tuple(r) for r in book["按作者"].iter_rows(min_row=3, values_only=True)]
    assert authors == [
        ("景静", None, "记者", 3),
        ("孙扩龙", "区商务局", "通讯员", 2),
        ("李明", None, "摄影", 1),
        ("合计", None, None, 6),
    ]
    months = [tuple(r) for r in book["按月份"].iter_rows(min_row=3, values_only=True)]
    assert months == [("2026年10月", 2), ("2026年11月", 2), ("合计", 4)]
    assert "2026-10-01 至 2026-11-30" in book["按作者"]["A1"].value


def test_bad_filters_are_a_message_not_an_error(newsroom, editor):
    client = login(editor)
    for query in [
        {"start": "2026-13-01", "end": "2026-11-30"},
        {"start": "2026-11-30", "end": "2026-10-01"},
        {"start": "0001-01-01", "end": "9999-12-31"},
        {"start": "2026-10-01", "end": "2026-11-30", "department": "x"},
        {"start": "2026-10-01", "end": "2026-11-30", "role": "boss"},
        {
            "start": "2026-10-01",
            "end": "2026-11-30",
            "department": "99999999999999999999",
        },
    ]:
        response = client.get(URL, query)
        assert response.status_code == 200, query
        assert response["Content-Type"].startswith("text/html"), query


def test_the_page_is_linked_from_the_home_page_and_opens_for_every_role(
    newsroom, make_user
):
    for role in (roles.REPORTER, roles.EDITOR, roles.CHIEF_EDITOR):
        client = login(make_user(role))
        assert URL in client.get(reverse("admin:index")).content.decode()
        assert client.get(URL).status_code == 200


def test_the_export_without_filters_counts_this_month(newsroom, editor, time_machine):
    time_machine.move_to(at(11, 20))
    export = login(editor).get(URL, {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    assert "2026-11-01 至 2026-11-20" in book["按月份"]["A1"].value
    assert list(book["按月份"].iter_rows(min_row=3, values_only=True)) == [
        ("2026年11月", 2),
        ("合计", 2),
    ]


def test_a_name_typed_as_a_formula_is_text_in_the_excel_file(editor):
    """A correspondent's name or unit is typed by staff: "=HYPERLINK(…)" must not
    become a formula a colleague's Excel runs."""
    sly = ReporterFactory(name="=HYPERLINK(\"http://x.test\")", kind=R.CORRESPONDENT,
                          unit="@SUM(A1)")  # fmt: skip
    BylineFactory(article=ArticleFactory(published_at=at(11, 5)), reporter=sly,
                  role=R.CORRESPONDENT)  # fmt: skip

    export = login(editor).get(
        URL, {"start": "2026-11-01", "end": "2026-11-30", "format": "xlsx"}
    )

    sheet = openpyxl.load_workbook(io.BytesIO(export.content))["按作者"]
    name, unit = sheet["A3"], sheet["B3"]
    assert name.data_type == "s" and unit.data_type == "s"
    assert name.value.endswith('=HYPERLINK("http://x.test")')
    assert not name.value.startswith("=") and not unit.value.startswith("@")

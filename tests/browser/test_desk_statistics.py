"""Statistics at the desk (#18, the desk vendors have), in a real browser: an
editor picks a date range and a department, reads the numbers of data this test
made, and downloads the Excel file, which opens with openpyxl and agrees."""

import datetime
import zoneinfo

import openpyxl
import pytest

from articles.models import Byline
from newsroom import roles
from tests.browser.desk import PHONE, login, shot
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    DepartmentFactory,
    ReporterFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
R = Byline.Role


@pytest.fixture
def newsroom(make_user):
    make_user(roles.EDITOR, "editor")
    user = make_user(roles.REPORTER, "reporter")
    jing = ReporterFactory(name="景静", user=user)
    sun = ReporterFactory(name="孙扩龙", kind=R.CORRESPONDENT, unit="区商务局")
    commerce = DepartmentFactory(name="区商务局")
    housing = DepartmentFactory(name="区住建局")
    for day, bylines, department, page in [
        (3, [(jing, R.REPORTER), (sun, R.CORRESPONDENT)], commerce, 1),
        (9, [(jing, R.REPORTER)], housing, 1),
        (15, [(sun, R.CORRESPONDENT)], commerce, 2),
        (21, [(jing, R.REPORTER), (sun, R.CORRESPONDENT)], commerce, None),
    ]:
        when = datetime.datetime(2026, 10, day, 9, tzinfo=SHANGHAI)
        article = ArticleFactory(
            published_at=when,
            edition_date=when.date() if page else None,
            page_number=page,
            page_name="要闻" if page == 1 else ("综合" if page else ""),
        )
        for order, (reporter, role) in enumerate(bylines):
            BylineFactory(article=article, reporter=reporter, role=role, order=order)
        article.departments.add(department)
    return commerce


def rows(page, key):
    cells = page.locator(f".desk-stats-{key} tbody tr")
    return [
        tuple(cells.nth(n).locator("td").all_inner_texts())
        for n in range(cells.count())
    ]


def test_an_editor_counts_a_department_and_exports_it(
    browser, live_server, newsroom, tmp_path
):
    page = login(browser, live_server, "editor")
    page.locator(".desk-home-links a", has_text="稿件统计").click()
    page.wait_for_selector("#desk-stats-form")
    page.fill("#id_start", "2026-10-01")
    page.fill("#id_end", "2026-10-31")
    page.click("#desk-stats-form button[type=submit]")
    page.wait_for_selector("#desk-stats-total")

    assert page.inner_text("#desk-stats-total") == "4"
    assert rows(page, "authors") == [
        ("孙扩龙", "区商务局", "通讯员", "3"),
        ("景静", "—", "记者", "3"),
    ]
    assert rows(page, "pages")[0] == ("未见报", "—", "1")
    assert page.locator(".desk-stats-authors svg rect").count() == 2
    shot(page, "statistics")

    page.select_option("#id_department", label="区商务局")
    page.click("#desk-stats-form button[type=submit]")
    page.wait_for_selector("#desk-stats-total")
    assert page.inner_text("#desk-stats-total") == "3"
    assert rows(page, "authors") == [
        ("孙扩龙", "区商务局", "通讯员", "3"),
        ("景静", "—", "记者", "2"),
    ]
    with page.expect_download() as download:
        page.click("#desk-stats-export")
    path = tmp_path / "export.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    sheet = book["按作者"]
    assert "涉及部门：区商务局" in sheet["A1"].value
    assert list(sheet.iter_rows(min_row=3, values_only=True)) == [
        ("孙扩龙", "区商务局", "通讯员", 3),
        ("景静", None, "记者", 2),
        ("合计", None, None, 5),
    ]


def test_a_reporter_reads_their_own_numbers_on_a_phone(browser, live_server, newsroom):
    page = login(browser, live_server, "reporter", viewport=PHONE)
    page.locator(".desk-home-links a", has_text="稿件统计").click()
    page.fill("#id_start", "2026-10-01")
    page.fill("#id_end", "2026-10-31")
    page.click("#desk-stats-form button[type=submit]")
    page.wait_for_selector("#desk-stats-total")

    assert page.inner_text("#desk-stats-total") == "3"
    assert rows(page, "authors") == [("景静", "—", "记者", "3")]
    assert "仅统计署有您姓名的稿件" in page.inner_text(".desk-stats-summary")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1
    shot(page, "statistics-reporter-phone")

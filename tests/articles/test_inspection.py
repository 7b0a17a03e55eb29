"""The self-inspection (迎检自查, #19 item 2): what it finds — a stale column, an
old article with a word listed today, a dead link, a missing identifier — and a
clean newsroom passing; the command's report and exit status, the admin page,
the printable page and the Excel export."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from articles import inspection
from articles.inspection.excel import workbook
from articles.inspection.report import FAIL, PASS, checks_of
from articles.models import Article, DepartmentColumn, InspectionReport, SensitiveWord
from newsroom import roles
from newsroom.models import SiteSettings
from tests.factories import (
    ArticleFactory,
    DepartmentFactory,
    OfficialFactory,
    PositionFactory,
)
from tests.helpers import LinkServer

pytestmark = pytest.mark.django_db
IDENTIFIERS = {
    "sponsor": "测试区委宣传部",
    "organizer": "测试区融媒体中心",
    "icp_number": "豫ICP备12345678号-1",
    "police_number": "豫公网安备41010302000123号",
    "site_code": "4101030001",
    "address": "测试区大学路 1 号",
    "phone": "0371-12345678",
    "government_badge": True,
}


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def production(settings):
    """The settings a public site runs with: HTTPS and HSTS, its own address."""
    settings.SITE_URL = "https://news.example.gov.cn"
    settings.ALLOWED_HOSTS = ["news.example.gov.cn", "testserver"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.LINK_CHECK_TIMEOUT = 1


@pytest.fixture
def clean(production):
    """A small newsroom an inspector finds nothing wrong with."""
    SiteSettings(**IDENTIFIERS).save()
    department = DepartmentFactory(name="区商务局")
    leader = OfficialFactory(name="王潜")
    PositionFactory(official=leader, title="副区长", rank=60)
    article = ArticleFactory(
        title="区商务局召开企业座谈会",
        body="<p>副区长王潜出席区商务局召开的企业座谈会。</p>",
        published_at=days_ago(1),
    )
    article.officials.add(leader)
    article.departments.add(department)
    DepartmentColumn.objects.create(department=department, period_days=14)
    return {"article": article, "department": department, "leader": leader}


def run(**kwargs):
    report = inspection.run(**kwargs)
    return report, {check.name: check for check in checks_of(report)}


def test_a_clean_newsroom_passes_every_check(clean):
    report, found = run()

    assert report.failures == 0, [c.name for c in found.values() if c.status == FAIL]
    assert found["首页"].status == PASS
    assert found["网站标识"].status == PASS
    assert found["适老化与无障碍"].status == PASS
    assert found["HTTPS"].status == PASS


def test_a_column_without_news_for_two_weeks_fails(clean):
    clean["article"].delete()
    ArticleFactory(title="三周前的稿件", published_at=days_ago(21)).departments.add(
        clean["department"]
    )

    report, found = run()

    assert found["要闻"].status == FAIL
    assert "三周前的稿件" in found["要闻"].detail
    assert found["领导活动"].status == FAIL  # no article concerns a leader at all
    assert found["部门栏目"].status == FAIL
    assert found["部门栏目"].rows[0][0] == "区商务局（14 天）"
    assert report.failures >= 4


def test_a_department_column_follows_its_own_period(clean):
    rule = DepartmentColumn.objects.get()
    rule.period_days = 30
    rule.save()
    Article.objects.filter(pk=clean["article"].pk).update(published_at=days_ago(20))

    _, found = run()

    assert found["要闻"].status == FAIL  # 14 days for the news columns
    assert found["部门栏目"].status == PASS  # 30 for this department


def test_an_empty_department_column_fails(clean):
    DepartmentColumn.objects.create(department=DepartmentFactory(name="区空白局"))

    _, found = run()

    assert found["空白栏目"].status == FAIL
    assert [(row[0], row[2]) for row in found["空白栏目"].rows] == [
        ("区空白局", "部门栏目")
    ]


def test_an_empty_page_that_is_no_column_is_only_a_warning(clean):
    DepartmentFactory(name="区备用局")

    _, found = run()

    assert found["空白栏目"].status == "warn"
    assert found["空白栏目"].rows[0][:1] == ["区备用局"]


def test_a_word_listed_today_finds_the_old_article_that_carries_it(clean):
    ArticleFactory(
        title="两年前的旧稿",
        body="<p>这篇旧稿里有一个后来列入词表的说法。</p>",
        published_at=days_ago(730),
    )
    _, before = run()
    assert before["禁用词"].status == PASS

    SensitiveWord.objects.create(word="后来列入词表", level="block")
    report, after = run()

    assert after["禁用词"].status == FAIL
    [row] = after["禁用词"].rows
    assert row[1] == "两年前的旧稿" and "后来列入词表" in row[3]
    assert report.failures == 1


def test_a_leader_title_is_checked_on_the_articles_own_date(clean):
    leader = clean["leader"]
    leader.positions.update(start_date=datetime.date(2024, 1, 1))
    PositionFactory(
        official=leader,
        title="区委常委",
        rank=40,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    right_then = ArticleFactory(
        title="当年的稿件", body="<p>区委常委王潜出席会议。</p>"
    )
    Article.objects.filter(pk=right_then.pk).update(
        published_at=datetime.datetime(2022, 5, 1, 1, tzinfo=datetime.UTC)
    )
    wrong_now = ArticleFactory(title="今天的错稿", body="<p>区委常委王潜出席会议。</p>")

    _, found = run()

    titles = [row[1] for row in found["领导姓名和职务"].rows]
    assert titles == ["今天的错稿"]
    assert wrong_now.title in titles


def test_a_dead_link_is_listed_with_the_article_that_holds_it(clean):
    with LinkServer() as server:
        ArticleFactory(
            title="有失效链接的稿件",
            body=f'<p><a href="{server.url("/dead")}">文件</a>'
            f'<a href="{server.url("/live")}">通知</a>'
            f'<a href="{server.url("/away")}">外站</a></p>',
        )
        report, found = run()

    assert found["外部链接"].status == FAIL
    assert [row[0] for row in found["外部链接"].rows] == [server.url("/dead")]
    assert found["外部链接"].rows[0][2] == "有失效链接的稿件"
    assert found["跳转到其他网站"].rows[0][0] == server.url("/away")
    assert report.failures == 1


def test_an_internal_link_that_leads_nowhere_fails(clean):
    ArticleFactory(
        title="站内链接",
        body=f'<p><a href="{clean["article"].get_absolute_url()}">有</a>'
        '<a href="/articles/987654/gone/">无</a></p>',
    )

    _, found = run()

    assert [row[0] for row in found["站内链接"].rows] == ["/articles/987654/gone/"]


def test_without_external_links_no_site_is_asked(clean):
    with LinkServer() as server:
        ArticleFactory(body=f'<p><a href="{server.url("/dead")}">文件</a></p>')
        _, found = run(external_links=False)

    assert server.requests == []
    assert found["外部链接"].status != FAIL


def test_a_missing_identifier_fails(clean, settings):
    settings.SITE_ICP_NUMBER = ""
    SiteSettings.objects.update(icp_number="")
    SiteSettings.load().save()  # as the admin saves it

    report, found = run()

    assert found["网站标识"].status == FAIL
    assert found["网站标识"].rows == [["ICP 备案号", "未设置（后台“网站设置”）"]]


def test_an_identifier_from_the_environment_counts(clean, settings):
    settings.SITE_ICP_NUMBER = "豫ICP备87654321号"
    SiteSettings.objects.update(icp_number="")
    SiteSettings.load().save()

    _, found = run()

    assert found["网站标识"].status == PASS


def test_https_without_hsts_fails_outside_debug(clean, settings):
    settings.SECURE_HSTS_SECONDS = 0

    _, found = run()

    assert found["HTTPS"].status == FAIL
    assert found["HTTPS"].rows[0][0] == "HSTS 未开启或时间过短"


def test_the_command_prints_the_report_and_exits_non_zero_on_a_failure(clean):
    SiteSettings.objects.update(site_code="")
    SiteSettings.load().save()
    out = io.StringIO()

    with pytest.raises(SystemExit) as exit_status:
        call_command("inspect_site", "--no-external-links", stdout=out)

    assert exit_status.value.code == 1
    text = out.getvalue()
    assert "迎检自查报告" in text and "✗ 不合格  网站标识" in text
    assert "网站标识码　未设置" in text
    assert "结论：不合格。不合格 1 项" in text


def test_the_command_exits_zero_on_a_clean_newsroom_and_saves_excel(clean, tmp_path):
    out = io.StringIO()
    path = tmp_path / "report.xlsx"

    call_command("inspect_site", "--xlsx", str(path), stdout=out)

    assert "结论：合格" in out.getvalue()
    book = load_workbook(path)
    assert book.sheetnames == ["汇总", "明细"]
    names = [row[1] for row in book["汇总"].iter_rows(min_row=5, values_only=True)]
    assert "首页" in names and "外部链接" in names


def test_the_excel_export_holds_every_row_and_no_formula(clean):
    ArticleFactory(title="=HYPERLINK(1)", body="<p>后来列入词表</p>")
    SensitiveWord.objects.create(word="后来列入词表", level="block")
    report, _ = run(external_links=False)

    book = load_workbook(io.BytesIO(workbook(report)))
    cells = [c for row in book["明细"].iter_rows(values_only=True) for c in row if c]
    assert "'=HYPERLINK(1)" in cells


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "inspector", last_name="值", first_name="班")


def test_editors_run_the_inspection_from_the_admin_and_read_it(clean, client, editor):
    client.force_login(editor)
    listing = reverse("admin:articles_inspectionreport_changelist")
    assert client.get(listing, secure=True).status_code == 200

    response = client.post(reverse("admin:articles_inspection_run"), secure=True)

    report = InspectionReport.objects.get()
    assert report.created_by == editor
    assert response["Location"] == reverse(
        "admin:articles_inspectionreport_change", args=[report.pk]
    )
    page = client.get(response["Location"], secure=True).content.decode()
    assert "结论：合格" in page and "发起人：值班" in page
    printed = client.get(
        reverse("admin:articles_inspection_print", args=[report.pk]), secure=True
    )
    assert "自查人" in printed.content.decode()
    export = client.get(
        reverse("admin:articles_inspection_export", args=[report.pk]), secure=True
    )
    assert export["Content-Disposition"].endswith('.xlsx"')


def test_reporters_see_no_inspection(clean, client, make_user):
    client.force_login(make_user(roles.REPORTER, "writer"))
    report = InspectionReport.objects.create(
        created_at=timezone.now(), seconds=1, failures=0, warnings=0, data={}
    )

    for url in [
        reverse("admin:articles_inspectionreport_changelist"),
        reverse("admin:articles_inspectionreport_change", args=[report.pk]),
        reverse("admin:articles_inspection_export", args=[report.pk]),
    ]:
        assert client.get(url, secure=True).status_code == 403, url
    assert (
        client.post(reverse("admin:articles_inspection_run"), secure=True).status_code
        == 403
    )
    assert InspectionReport.objects.count() == 1


@pytest.mark.parametrize("object_id", ["abc", "999999", "1%00"])
def test_a_bad_report_address_is_a_404(clean, client, editor, object_id):
    client.force_login(editor)

    response = client.get(
        f"/admin/articles/inspectionreport/{object_id}/change/", secure=True
    )

    assert response.status_code in (400, 404)


def test_running_needs_a_post(clean, client, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:articles_inspection_run"), secure=True)

    assert response.status_code == 405
    assert not InspectionReport.objects.exists()

"""The identifiers in the footer of every public page and the pages a government
site must have (#19 item 1): 网站地图, 隐私声明, 版权声明; nothing shown where a
value is not set; badges drawn by us, served from our own static files."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from newsroom.models import SiteSettings
from tests.factories import ArticleFactory, full_article
from tests.helpers import public_urls

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
    "government_badge_url": "https://bszs.conac.cn/sitename?method=show&id=1",
}


def footer(page):
    return page[page.index('<footer class="footer">') :]


def test_every_public_page_shows_the_identifiers_in_its_footer(client):
    SiteSettings(**IDENTIFIERS).save()
    article = full_article()

    extra = [reverse("site_map"), reverse("privacy"), reverse("copyright")]
    for url in [*public_urls(article), *extra]:
        text = footer(client.get(url).content.decode())
        assert "主办单位：测试区委宣传部" in text, url
        assert "承办单位：测试区融媒体中心" in text
        assert '<a class="footer__icp" href="https://beian.miit.gov.cn/"' in text
        assert (
            'href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode='
            '41010302000123"' in text
        )
        assert "网站标识码：4101030001" in text
        assert "地址：测试区大学路 1 号" in text and "电话：0371-12345678" in text
        assert 'alt="党政机关网站标识"' in text
        assert "bszs.conac.cn/sitename?method=show&amp;id=1" in text


def test_nothing_is_shown_where_a_value_is_not_set(client):
    ArticleFactory()

    text = footer(client.get("/").content.decode())

    for absent in ["主办单位", "承办单位", "beian", "网站标识码", "地址：", "电话："]:
        assert absent not in text, absent
    assert "党政机关网站标识" not in text


def test_the_badges_are_our_own_images(client):
    SiteSettings(**IDENTIFIERS).save()

    text = footer(client.get("/").content.decode())

    sources = re.findall(r'<img src="([^"]+)"', text)
    assert sources == [
        "/static/img/police-badge.svg",
        "/static/img/government-badge.svg",
    ]
    for source in sources:
        name = source.removeprefix(settings.STATIC_URL)
        assert finders.find(name).endswith(".svg")
        assert open(finders.find(name), encoding="utf-8").read().startswith("<svg")


def test_the_footer_links_the_site_map_and_the_statements(client):
    text = footer(client.get("/").content.decode())

    for name in ("site_map", "privacy", "copyright"):
        assert f'href="{reverse(name)}"' in text


def test_the_site_map_lists_columns_years_leaders_and_departments(client):
    article = full_article()

    page = client.get(reverse("site_map")).content.decode()

    assert "网站地图" in page
    assert f'href="{reverse("archive")}"' in page
    year = article.publication_date().year
    assert f'href="{reverse("archive_year", args=[year])}"' in page
    assert article.departments.first().name in page


@pytest.mark.parametrize("name", ["privacy", "copyright"])
def test_a_statement_page_has_a_general_text_by_default(client, name):
    page = client.get(reverse(name)).content.decode()

    assert {"privacy": "隐私声明", "copyright": "版权声明"}[name] in page
    assert "<p>" in page[page.index('class="statement"') :]


def test_a_statement_written_in_the_admin_is_shown_escaped(client):
    SiteSettings(privacy_statement="第一段。\n\n<script>alert(1)</script>").save()

    page = client.get(reverse("privacy")).content.decode()

    assert "<p>第一段。</p>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "无需注册" not in page  # the general text gives way


def test_the_new_pages_carry_no_inline_style_or_script(client):
    for name in ("site_map", "privacy", "copyright"):
        page = client.get(reverse(name)).content.decode()
        assert " style=" not in page and "<script" not in page, name

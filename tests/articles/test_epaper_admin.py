"""The e-paper at the desk: uploading a day's PDFs (and copy), the region tool's
save and article search, who may use them, and the readers' pages purged."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article, Edition, Region
from newsroom import roles
from tests.helpers import (
    EPAPER_DAY,
    epaper_articles,
    epaper_edition,
    epaper_pdfs,
    login,
)

pytestmark = pytest.mark.django_db
UPLOAD = "admin:articles_edition_upload"


def pdf_uploads():
    return [
        SimpleUploadedFile(name, data, content_type="application/pdf")
        for name, data, _ in epaper_pdfs()
    ]


def save(client, page, regions):
    return client.post(
        reverse("admin:articles_edition_regions", args=[page.pk]),
        json.dumps({"regions": regions}),
        content_type="application/json",
    )


def test_an_editor_uploads_pdfs_and_copy_and_gets_placed_drafts(make_user):
    editor = make_user(roles.EDITOR, "epaper-editor")
    copy = (
        "区农业农村局开展冬季农机检修\n\n本报讯 趁着冬闲时节，区农业农村局组织技术人员"
        "深入各村，为农户免费检修拖拉机、播种机等农机具，讲解安全操作和日常保养知识。"
        "\n\n截至目前，已检修农机具一百二十余台，发放安全宣传资料五百余份。\n\n"
        "通讯员 顾长明\n"
    )
    response = login(editor).post(
        reverse(UPLOAD),
        {
            "date": "2024-03-06",
            "pdfs": pdf_uploads(),
            "texts": [SimpleUploadedFile("第2版.txt", copy.encode("gb18030"))],
            "pages": "2",
            "number": "42",
        },
        follow=True,
    )

    edition = Edition.objects.get()
    assert (edition.number, edition.pages.count(), edition.published) == (42, 2, False)
    draft = Article.objects.get(title="区农业农村局开展冬季农机检修")
    assert draft.status == Article.Status.DRAFT
    assert draft.regions.get().page.number == 2
    text = response.content.decode()
    assert "已生成 2 个版面，自动标出 1 个热区，导入草稿 1 篇" in text
    assert "打开热区工具" in text


def test_a_bad_pdf_at_the_desk_says_why_and_stores_nothing(make_user):
    editor = make_user(roles.EDITOR, "epaper-editor")
    broken = SimpleUploadedFile("第1版.pdf", b"%PDF-1.7\n\x00\x01 broken")
    response = login(editor).post(
        reverse(UPLOAD), {"date": "2024-03-06", "pdfs": [broken]}
    )
    assert response.status_code == 200
    assert "第1版.pdf 已损坏，无法读取。请重新导出。" in response.content.decode()
    assert not Edition.objects.exists()


def test_a_pdf_over_the_upload_limit_is_cut_off_with_a_message(make_user, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    editor = make_user(roles.EDITOR, "epaper-editor")
    response = login(editor).post(
        reverse(UPLOAD), {"date": "2024-03-06", "pdfs": pdf_uploads()[:1]}
    )
    assert response.status_code == 200
    assert "文件过大，超过 1000\xa0字节 的上限，未上传。" in response.content.decode()
    assert not Edition.objects.exists()


def test_a_page_count_that_does_not_match_at_the_desk_is_refused(make_user):
    editor = make_user(roles.EDITOR, "epaper-editor")
    response = login(editor).post(
        reverse(UPLOAD), {"date": "2024-03-06", "pdfs": pdf_uploads(), "pages": "4"}
    )
    assert "版数不符：应有 4 个版面，上传的 PDF 共 2 页。" in response.content.decode()
    assert not Edition.objects.exists()


def test_a_reporter_cannot_upload_or_edit_regions(make_user):
    edition, _, _ = epaper_edition()
    reporter = login(make_user(roles.REPORTER, "epaper-reporter"))
    page = edition.pages.first()
    assert reporter.get(reverse(UPLOAD)).status_code == 403
    assert save(reporter, page, []).status_code == 403
    assert page.regions.count() == 4


def test_the_region_tool_shows_the_page_with_its_regions_and_scans_say_so(make_user):
    edition, _, _ = epaper_edition(publish=False, status=Article.Status.DRAFT)
    editor = login(make_user(roles.EDITOR, "epaper-editor"))
    page = edition.pages.get(number=1)
    response = editor.get(reverse("admin:articles_edition_regions", args=[page.pk]))
    regions = response.context["regions_json"]
    assert len(regions) == 4 and all(r["proposed"] for r in regions)
    assert page.image.url in response.content.decode()
    assert "没有文字层" not in response.content.decode()
    page.has_text = False
    page.save()
    response = editor.get(reverse("admin:articles_edition_regions", args=[page.pk]))
    assert "本版 PDF 没有文字层（可能是扫描件）" in response.content.decode()


def test_saving_regions_replaces_them_as_the_editor_left_them(make_user):
    edition, articles, _ = epaper_edition()
    editor = login(make_user(roles.EDITOR, "epaper-editor"))
    page = edition.pages.get(number=1)
    lead = articles["青禾区召开社区治理现场观摩会"]
    other = articles["桂苑社区食堂开门迎客"]  # printed on page 2, linked here too
    box = [[40, 1000], [400, 1000], [400, 800], [40, 800]]

    response = save(
        editor,
        page,
        [{"article": lead.pk, "points": box}, {"article": other.pk, "points": box}],
    )

    assert response.json() == {"saved": 2, "message": "已保存 2 个热区。"}
    saved = list(
        page.regions.order_by("pk").values_list("article", "points", "proposed")
    )
    assert saved == [(lead.pk, box, False), (other.pk, box, False)]


@pytest.mark.parametrize(
    ("regions", "message"),
    [
        ([{"article": None, "points": [[1, 1], [9, 1], [9, 9]]}], "还没有关联稿件"),
        ([{"article": 1, "points": [[1, 1], [9999, 1], [9, 9]]}], "位置无效"),
        ([{"article": 1, "points": [[1, 1]]}], "位置无效"),
        ([{"article": 99999, "points": [[1, 1], [9, 1], [9, 9]]}], "不存在"),
        ("nonsense", "热区数据无效"),
    ],
)
def test_regions_that_cannot_be_saved_are_refused_and_nothing_changes(
    make_user, regions, message
):
    edition, _, _ = epaper_edition()
    editor = login(make_user(roles.EDITOR, "epaper-editor"))
    page = edition.pages.get(number=1)
    before = list(page.regions.values_list("pk", flat=True))

    response = save(editor, page, regions)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert list(page.regions.values_list("pk", flat=True)) == before


def test_a_body_that_is_not_json_is_refused(make_user):
    edition, _, _ = epaper_edition()
    editor = login(make_user(roles.EDITOR, "epaper-editor"))
    page = edition.pages.first()
    response = editor.post(
        reverse("admin:articles_edition_regions", args=[page.pk]),
        "{not json",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert page.regions.count() == 4


def test_the_article_search_finds_articles_by_title(make_user):
    epaper_articles()
    editor = login(make_user(roles.EDITOR, "epaper-editor"))
    url = reverse("admin:articles_edition_article_search")
    found = editor.get(url, {"term": "口袋公园"}).json()["results"]
    assert [a["title"] for a in found] == ["槐荫路口袋公园建成开放"]
    assert editor.get(url, {"term": ""}).json() == {"results": []}


def test_a_saved_region_purges_the_readers_page(make_user, commit, settings):
    settings.PUBLIC_PAGE_CACHE = True
    edition, articles, _ = epaper_edition()
    commit()
    url = reverse("epaper_page", args=[EPAPER_DAY.isoformat(), 1])
    reader = Client()
    assert reader.get(url).status_code == 200
    assert reader.get(url)["X-Cache"] == "hit"
    page = edition.pages.get(number=1)
    lead = articles["青禾区召开社区治理现场观摩会"]
    editor = login(make_user(roles.EDITOR, "epaper-editor"))

    commit(
        lambda: save(
            editor,
            page,
            [{"article": lead.pk, "points": [[40, 900], [300, 900], [300, 700]]}],
        )
    )

    response = reader.get(url)
    assert response["X-Cache"] == "miss"
    assert len(response.context["regions"]) == 1
    assert Region.objects.filter(page=page).count() == 1


def test_publishing_an_edition_purges_the_newest_edition(commit, settings):
    settings.PUBLIC_PAGE_CACHE = True
    epaper_edition()
    commit()
    reader = Client()
    assert reader.get(reverse("epaper")).context["edition"].date == EPAPER_DAY
    later, _, _ = epaper_edition(
        day=EPAPER_DAY.replace(day=7), publish=False, status=Article.Status.DRAFT
    )
    commit()
    assert reader.get(reverse("epaper"))["X-Cache"] == "hit"
    later.published = True
    commit(later.save)
    response = reader.get(reverse("epaper"))
    assert response["X-Cache"] == "miss"
    assert response.context["edition"] == later

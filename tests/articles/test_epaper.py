"""The e-paper (数字报): pages from PDFs, rendered once; regions found from the text
layer; bad PDFs refused with nothing stored; the reader's page."""

import datetime
import io

import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from articles.epaper import pages, pdf
from articles.epaper.pdf import PdfError
from articles.epaper.sample import join
from articles.models import Article, Edition, Page, Region
from newsroom.caching import keys
from tests.factories import ArticleFactory
from tests.helpers import (
    EPAPER_DAY,
    epaper_articles,
    epaper_edition,
    epaper_pdfs,
)

pytestmark = pytest.mark.django_db
TOLERANCE = 4  # points: "within a few points" of where the text was set


def media_files(settings):
    root = settings.MEDIA_ROOT / "epaper"
    return (
        sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []
    )


def scan_pdf():
    """A page that is only a picture, as a scanner makes it: no text layer."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(842, 1191))
    picture = io.BytesIO()
    Image.new("RGB", (400, 560), (235, 230, 220)).save(picture, "PNG")
    picture.seek(0)
    page.drawImage(ImageReader(picture), 0, 0, 842, 1191)
    page.save()
    return buffer.getvalue()


def encrypted_pdf():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt="secret")
    page.drawString(100, 700, "locked")
    page.save()
    return buffer.getvalue()


def empty_pdf():
    """A well-formed PDF without a single page."""
    buffer = io.BytesIO()
    pdfium.PdfDocument.new().save(buffer)
    return buffer.getvalue()


# Rendering


def test_a_page_is_rendered_to_a_picture_and_a_thumbnail_of_the_set_widths(settings):
    epaper_articles()
    [(name, data, _)] = epaper_pdfs()[:1]

    result = pages.import_pages(day=EPAPER_DAY, files=[(name, data)])

    [page] = result.pages
    assert (page.width, page.height) == (842, 1191)
    with Image.open(page.image.path) as image:
        assert image.format == "WEBP"
        assert image.width == settings.EPAPER_IMAGE_WIDTH == page.image_width
        assert abs(image.height / image.width - 1191 / 842) < 0.01
    with Image.open(page.thumbnail.path) as thumbnail:
        assert thumbnail.width == settings.EPAPER_THUMBNAIL_WIDTH
        assert page.thumbnail_size == thumbnail.size
    assert page.pdf.read().startswith(b"%PDF-")


def test_a_page_is_rendered_once(monkeypatch):
    edition, _, _ = epaper_edition()
    page = edition.pages.get(number=1)
    image_name = page.image.name
    calls = []
    monkeypatch.setattr(pdf, "render", lambda data: calls.append(data))

    assert pages.render_page(page, pages.page_data(page)) is False
    pages.propose_regions(page, pages.page_data(page))

    assert calls == []
    page.refresh_from_db()
    assert page.image.name == image_name


def test_jpeg_pictures_when_the_setting_asks_for_them(settings):
    settings.EPAPER_IMAGE_FORMAT = "JPEG"
    [(name, data, _)] = epaper_pdfs()[:1]
    [page] = pages.import_pages(day=EPAPER_DAY, files=[(name, data)]).pages
    assert page.image.name.endswith(".jpg")
    with Image.open(page.image.path) as image:
        assert image.format == "JPEG"


# Regions


def test_each_articles_region_is_found_where_it_was_set():
    edition, articles, pdfs = epaper_edition()

    for number, (_, _, placed) in enumerate(pdfs, 1):
        page = edition.pages.get(number=number)
        found = {r.article.title: r.box for r in page.regions.select_related("article")}
        assert set(found) == {p.story.title for p in placed}
        for item in placed:
            left, bottom, right, top = found[item.story.title]
            expected = item.box
            assert abs(left - expected[0]) <= TOLERANCE, item.story.title
            assert abs(bottom - expected[1]) <= TOLERANCE, item.story.title
            assert abs(right - expected[2]) <= TOLERANCE, item.story.title
            assert abs(top - expected[3]) <= TOLERANCE, item.story.title
    assert Region.objects.filter(proposed=True).count() == len(articles)


def test_regions_are_proposed_for_drafts_and_kept_when_an_editor_adjusted_them():
    edition, articles, _ = epaper_edition(status=Article.Status.DRAFT)
    page = edition.pages.get(number=1)
    lead = articles["青禾区召开社区治理现场观摩会"]
    region = page.regions.get(article=lead)
    region.points = [[40, 900], [400, 900], [400, 700], [40, 700]]
    region.proposed = False
    region.save()

    pages.propose_regions(page, pages.page_data(page))

    region.refresh_from_db()
    assert region.points[0] == [40, 900]
    assert page.regions.filter(article=lead).count() == 1
    assert page.regions.count() == 4


def test_a_scan_gets_no_proposals_and_says_so():
    epaper_articles()

    result = pages.import_pages(day=EPAPER_DAY, files=[("第1版.pdf", scan_pdf())])

    [page] = result.pages
    assert result.without_text == [1]
    assert page.has_text is False
    assert page.regions.count() == 0
    assert page.image


def test_an_article_not_on_the_page_gets_no_region():
    epaper_articles()
    stray = ArticleFactory(
        title="一篇没有排上版面的稿件",
        body="<p>这段文字不在任何一个版面上出现。</p>",
        edition_date=EPAPER_DAY,
        page_number=1,
    )
    [(name, data, _)] = epaper_pdfs()[:1]
    pages.import_pages(day=EPAPER_DAY, files=[(name, data)])
    assert not Region.objects.filter(article=stray).exists()
    assert Region.objects.count() == 4


# Bad input


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (encrypted_pdf, "已加密"),
        (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 50, "已损坏"),
        (empty_pdf, "没有任何页面"),
        (lambda: b"PK\x03\x04 not a pdf", "不是 PDF 文件"),
    ],
    ids=["encrypted", "broken", "no-pages", "not-a-pdf"],
)
def test_bad_pdfs_are_refused_with_their_reason_and_nothing_is_stored(
    settings, make, message
):
    good = epaper_pdfs()[0]
    with pytest.raises(PdfError, match=message):
        pages.import_pages(
            day=EPAPER_DAY, files=[(good[0], good[1]), ("第2版.pdf", make())]
        )
    assert Edition.objects.count() == Page.objects.count() == 0
    assert media_files(settings) == []


def test_an_oversized_pdf_is_refused(settings):
    [(name, data, _)] = epaper_pdfs()[:1]
    settings.EPAPER_MAX_PDF_BYTES = len(data) - 1
    with pytest.raises(PdfError, match="第1版.pdf 超过 .* 的上限，未导入"):
        pages.import_pages(day=EPAPER_DAY, files=[(name, data)])
    assert not Edition.objects.exists()


def test_a_page_count_that_does_not_match_is_refused(settings):
    edition_pdf = join([data for _, data, _ in epaper_pdfs()])
    with pytest.raises(PdfError, match="应有 4 个版面，上传的 PDF 共 2 页"):
        pages.import_pages(
            day=EPAPER_DAY, files=[("整期.pdf", edition_pdf)], expected=4
        )
    with pytest.raises(PdfError, match="逐版上传时每个文件应是一个版面"):
        pages.import_pages(
            day=EPAPER_DAY,
            files=[("第1版.pdf", edition_pdf), ("第3版.pdf", epaper_pdfs()[0][1])],
        )
    assert media_files(settings) == []


def test_a_failure_after_files_were_written_removes_them(settings, monkeypatch):
    def fail(data):
        raise PdfError("版面 PDF 无法渲染，请重新导出。")

    monkeypatch.setattr(pdf, "render", fail)
    files = [(n, d) for n, d, _ in epaper_pdfs()]
    with pytest.raises(PdfError, match="无法渲染"):
        pages.import_pages(day=EPAPER_DAY, files=files)
    assert media_files(settings) == []
    assert not Edition.objects.exists()


# Import


def test_a_whole_edition_pdf_is_split_into_its_pages_named_after_their_articles():
    epaper_articles()
    edition_pdf = join([data for _, data, _ in epaper_pdfs()])

    result = pages.import_pages(day=EPAPER_DAY, files=[("整期.pdf", edition_pdf)])

    assert [(p.number, p.name) for p in result.pages] == [(1, "要闻"), (2, "综合")]
    assert result.proposed == 6
    assert result.edition.number == 1


def test_page_files_are_numbered_by_their_names():
    numbered = pages.read_files(
        [(name, data) for name, data, _ in reversed(epaper_pdfs())]
    )
    assert list(numbered) == [1, 2]
    assert pages.page_number_in("A03-经济.pdf") == 3
    assert pages.page_name_in("第2版综合.pdf") == "综合"
    assert pages.page_name_in("02要闻.txt") == "要闻"
    assert pages.page_name_in("20240306-02.pdf") == ""
    assert pages.page_name_in("第2版.pdf") == ""


def test_a_deleted_edition_takes_its_files_with_it(settings, commit):
    edition, _, _ = epaper_edition()
    commit()
    assert len(media_files(settings)) == 6  # two pages: PDF, picture, thumbnail

    commit(edition.delete)

    assert media_files(settings) == []


def test_importing_a_page_again_replaces_it(settings):
    edition, _, pdfs = epaper_edition()
    old = edition.pages.get(number=2).pk
    pages.import_pages(day=EPAPER_DAY, files=[(pdfs[1][0], pdfs[1][1])])
    assert edition.pages.count() == 2
    new = edition.pages.get(number=2)
    assert not Region.objects.filter(page_id=old).exclude(page=new).exists()
    assert new.regions.count() == 2 and new.image


def test_the_command_imports_text_and_pages_together(tmp_path, settings):
    text = tmp_path / "第2版.txt"
    text.write_text(
        "桂苑社区食堂开门迎客\n\n本报讯 桂苑社区食堂近日开业，每天供应早中晚三餐，"
        "六十岁以上老人凭卡就餐可享受优惠，行动不便的老人还可预约送餐上门。\n\n"
        "食堂由社区提供场地、专业餐饮企业运营，菜品价格和菜单每周在社区公示栏公布，"
        "接受居民监督。\n\n记者 程一帆\n",
        encoding="utf-8",
    )
    paths = []
    for name, data, _ in epaper_pdfs():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    out = io.StringIO()

    call_command(
        "import_pages", "2024-03-06", *paths, "--text", str(text), "--publish",
        stdout=out,
    )  # fmt: skip

    draft = Article.objects.get(title="桂苑社区食堂开门迎客")
    assert draft.status == Article.Status.DRAFT
    assert draft.regions.get().page.number == 2
    assert "2 个版面，自动标出 1 个热区" in out.getvalue()
    assert Edition.objects.get().published


def test_the_command_refuses_a_bad_pdf_with_its_message(tmp_path):
    bad = tmp_path / "第1版.pdf"
    bad.write_bytes(encrypted_pdf())
    with pytest.raises(CommandError, match="已加密"):
        call_command("import_pages", "2024-03-06", str(bad), stdout=io.StringIO())


# The reader's page


def test_epaper_opens_the_newest_published_edition(client):
    epaper_edition()
    later = datetime.date(2024, 3, 7)
    epaper_edition(day=later, publish=False, status=Article.Status.DRAFT)

    response = client.get(reverse("epaper"))

    assert response.status_code == 200
    assert response.context["edition"].date == EPAPER_DAY
    assert response.context["page"].number == 1
    assert client.get(reverse("epaper_page", args=["2024-03-07", 1])).status_code == 404
    # Page 0 is no page (not a second address of the first).
    assert client.get(reverse("epaper_page", args=[EPAPER_DAY, 0])).status_code == 404


def test_the_old_day_address_opens_the_first_page(client):
    epaper_edition()
    response = client.get(reverse("epaper_day", args=["2024-03-06"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("epaper_page", args=["2024-03-06", 1])


def test_a_page_shows_its_regions_articles_neighbours_and_pdf(client):
    edition, articles, _ = epaper_edition()

    response = client.get(reverse("epaper_page", args=["2024-03-06", 1]))

    html = response.content.decode()
    lead = articles["青禾区召开社区治理现场观摩会"]
    assert [r.article for r in response.context["regions"]] == list(
        Article.objects.filter(page_number=1).order_by("page_order")
    )
    assert f'href="{lead.get_absolute_url()}" aria-label="{lead.title}"' in html
    assert response.context["next_page"].number == 2
    assert response.context["previous_page"] is None
    assert edition.pages.get(number=1).pdf.url in html
    assert 'aria-current="page"' in html and "第2版 综合" in html
    assert 'aria-current="date"' in html  # the calendar marks the day
    tags = response.headers.get("xkey", "") or ""
    if tags:
        assert keys.edition_tag(EPAPER_DAY) in tags.split()


def test_only_published_articles_are_regions_or_listed(client):
    edition, articles, _ = epaper_edition()
    draft = articles["槐荫路口袋公园建成开放"]
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    later = articles["区图书馆推出夜间阅读服务"]
    Article.objects.filter(pk=later.pk).update(
        published_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    )

    response = client.get(reverse("epaper_page", args=["2024-03-06", 1]))

    html = response.content.decode()
    shown = {r.article_id for r in response.context["regions"]}
    assert draft.pk not in shown and later.pk not in shown
    assert len(shown) == 2
    assert draft.title not in html and later.title not in html
    assert draft.get_absolute_url() not in html


def test_previous_and_next_editions_are_linked(client):
    epaper_edition(day=datetime.date(2024, 3, 5))
    epaper_edition()
    response = client.get(reverse("epaper_page", args=["2024-03-05", 2]))
    assert response.context["previous_edition"] is None
    assert response.context["next_edition"].date == EPAPER_DAY
    calendar = response.context["calendar"]
    issued = [c["day"].day for w in calendar["weeks"] for c in w if c and c["issued"]]
    assert issued == [5, 6]


@pytest.mark.parametrize(
    "args", [["2024-03-09", 1], ["2024-03-06", 9], ["2024-13-01", 1], ["someday", 1]]
)
def test_missing_editions_and_pages_are_not_found(client, args):
    epaper_edition()
    assert client.get(reverse("epaper_page", args=args)).status_code == 404


def test_no_edition_at_all_is_not_found(client):
    assert client.get(reverse("epaper")).status_code == 404
    assert client.get(reverse("epaper_day", args=["2024-03-06"])).status_code == 404


def test_an_article_says_where_it_appeared_and_links_to_the_page(client):
    _, articles, _ = epaper_edition()
    article = articles["桂苑社区食堂开门迎客"]

    html = client.get(article.get_absolute_url()).content.decode()

    url = reverse("epaper_page", args=["2024-03-06", 2])
    assert f'见报：<a href="{url}">2024年3月6日 第2版 综合</a>' in html


def test_an_article_of_a_day_without_an_edition_names_its_page_without_a_link(client):
    article = ArticleFactory(edition_date=EPAPER_DAY, page_number=3, page_name="文化")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "见报：2024年3月6日 第3版 文化" in html

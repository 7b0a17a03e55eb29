"""The media library at the desk (#18, the desk vendors have), in a real browser:
a reporter uploads a day's photos at once, finds one by its caption, inserts it
into another article from the editor, and the library then tells used from
unused; on a phone the library reads in two columns."""

import pytest
from PIL import Image

from articles.models import Article, MediaImage
from newsroom import roles
from tests.browser.desk import PHONE, login, shot
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def photos(folder):
    paths = []
    for name, colour in [
        ("harvest.jpg", (200, 160, 40)),
        ("street.jpg", (40, 90, 160)),
    ]:
        path = folder / name
        Image.new("RGB", (320, 240), colour).save(path, "JPEG")
        paths.append(str(path))
    return paths


def test_a_reporter_uploads_finds_and_reuses_a_photo(
    browser, live_server, make_user, tmp_path
):
    reporter = make_user(roles.REPORTER, "reporter", first_name="景静")
    article = ArticleFactory(
        status=Article.Status.DRAFT, author=reporter, published_at=None, title="秋收"
    )
    page = login(browser, live_server, "reporter")
    page.locator(".desk-home-links a", has_text="图片库").click()
    page.wait_for_selector(".desk-media-grid")
    page.locator(".object-tools a", has_text="批量上传图片").click()
    page.set_input_files("#id_images", photos(tmp_path))
    page.fill("#id_caption", "城南秋收现场")
    assert page.input_value("#id_credit") == "景静"
    page.click("#desk-media-upload input[type=submit]")

    page.wait_for_selector(".messagelist .success")
    assert "已上传 2 张图片" in page.inner_text(".messagelist")
    assert page.locator(".desk-media-card").count() == 2
    assert page.locator(".desk-media-unused").count() == 2
    assert MediaImage.objects.filter(uploaded_by=reporter, credit="景静").count() == 2

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(".prose-editor > .ProseMirror")
    page.click("#desk-media-open")
    page.fill("#desk-media-search", "秋收")
    choices = page.locator("#desk-media-picker li button")
    choices.first.wait_for()
    assert choices.count() == 2
    choices.first.click()
    page.wait_for_selector(".ProseMirror figure img")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article.refresh_from_db()
    used = [i for i in MediaImage.objects.all() if i.file.url in article.body]
    assert len(used) == 1
    assert "城南秋收现场" in article.body  # the library's caption came along
    page.goto(f"{live_server.url}/admin/articles/mediaimage/?use=unused")
    page.wait_for_selector(".desk-media-grid")
    assert page.locator(".desk-media-card").count() == 1
    page.goto(f"{live_server.url}/admin/articles/mediaimage/")
    assert page.locator(".desk-media-unused").count() == 1
    shot(page, "media-library")


def test_the_library_reads_in_two_columns_on_a_phone(
    browser, live_server, make_user, tmp_path
):
    make_user(roles.REPORTER, "reporter", first_name="景静")
    page = login(browser, live_server, "reporter", viewport=PHONE)
    page.goto(f"{live_server.url}/admin/articles/mediaimage/upload/")
    page.set_input_files("#id_images", photos(tmp_path))
    page.click("#desk-media-upload input[type=submit]")
    page.wait_for_selector(".desk-media-grid")
    cards = page.locator(".desk-media-card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"] and first["x"] < second["x"]
    assert second["x"] + second["width"] <= PHONE["width"]
    shot(page, "media-library-phone")

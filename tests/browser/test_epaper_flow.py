"""The e-paper in a real browser: the editor adjusts a proposed region, draws and
links a new one, and saves; the reader's page on a desktop and on a phone has its
regions where the articles are, reachable by keyboard, and passes axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Article, Region
from newsroom import roles
from tests.helpers import EPAPER_DAY, axe_violations, epaper_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def serve_media(context, media_root):
    """The live server does not serve uploads (DEBUG is off); the browser gets
    them from the test's MEDIA_ROOT."""

    def fulfil(route):
        name = route.request.url.split("/media/", 1)[1].split("?")[0]
        path = Path(media_root) / name
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    context.route("**/media/**", fulfil)


def test_an_editor_adjusts_a_proposed_region_draws_another_and_saves(
    browser, live_server, make_user, settings
):
    edition, articles, _ = epaper_edition(publish=False, status=Article.Status.DRAFT)
    make_user(roles.EDITOR, "region-editor", first_name="版面编辑")
    page_row = edition.pages.get(number=1)
    lead = articles["青禾区召开社区治理现场观摩会"]
    before = Region.objects.get(page=page_row, article=lead).box
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    serve_media(context, settings.MEDIA_ROOT)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "region-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/edition/page/{page_row.pk}/regions/")
    shapes = page.locator(".region-shape")
    assert shapes.count() == 4
    assert page.locator(".region-shape.is-proposed").count() == 4

    # Select the lead's region and drag its lower right corner outwards.
    shapes.nth(0).click()
    handle = page.locator(".region-handle--se").bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 30, y + 20, steps=5)
    page.mouse.move(x + 60, y + 40, steps=5)
    page.mouse.up()
    # Draw a new region over the masthead (in view) and link an article.
    page.click("#draw-region")
    page.evaluate("window.scrollTo(0, 0)")
    picture = page.locator("#region-canvas").bounding_box()
    start = (picture["x"] + picture["width"] * 0.1, picture["y"] + 12)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + 120, start[1] + 40, steps=8)
    page.mouse.up()
    assert shapes.count() == 5
    new_input = page.locator("#region-article-4")
    assert new_input.evaluate("e => e === document.activeElement")
    new_input.press_sequentially("口袋公园")
    option = page.locator("#article-options option[value*='口袋公园']")
    option.wait_for(state="attached")
    new_input.fill(option.get_attribute("value"))
    page.click("#save-regions")

    expect(page.locator("#region-status")).to_have_text("已保存 5 个热区。")
    assert page.locator(".region-shape.is-proposed").count() == 0
    lead_region = Region.objects.get(page=page_row, article=lead)
    after = lead_region.box
    scale = page_row.width / picture["width"]
    assert lead_region.proposed is False
    assert after[0] == pytest.approx(before[0], abs=1)  # the left edge stayed
    assert after[2] - before[2] == pytest.approx(60 * scale, abs=3 * scale)
    assert before[1] - after[1] == pytest.approx(40 * scale, abs=3 * scale)
    park = Region.objects.filter(article=articles["槐荫路口袋公园建成开放"])
    assert park.count() == 2  # its proposed region, and the one drawn
    drawn = park.latest("pk")
    assert drawn.page == page_row and drawn.box[3] > page_row.height - 30
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_readers_page_has_its_regions_where_the_articles_are(
    browser, live_server, settings, viewport
):
    edition, articles, pdfs = epaper_edition()
    page_row = edition.pages.get(number=1)
    context = browser.new_context(
        viewport=viewport, locale="zh-CN", is_mobile=viewport == PHONE
    )
    serve_media(context, settings.MEDIA_ROOT)
    page = context.new_page()
    page.goto(f"{live_server.url}/epaper/{EPAPER_DAY.isoformat()}/1/")
    page.wait_for_load_state("networkidle")
    image = page.locator(".epaper__picture img").bounding_box()
    assert image["width"] <= viewport["width"]
    assert page.evaluate("document.querySelector('.epaper__picture img').naturalWidth")

    # The drawing scales with the picture.
    drawing = page.locator(".epaper__map").bounding_box()
    assert drawing == pytest.approx(image, abs=1)
    for placed in pdfs[0][2]:
        shape = page.locator(f".epaper__region[aria-label='{placed.story.title}']")
        assert shape.count() == 1
        listed = page.locator(".epaper__articles a", has_text=placed.story.title)
        assert listed.count() == 1
        box = shape.locator("polygon").bounding_box()  # with its (hidden) stroke
        left, bottom, right, top = placed.box
        ratio = image["width"] / page_row.width
        centre_x = image["x"] + (left + right) / 2 * ratio
        centre_y = image["y"] + (page_row.height - (top + bottom) / 2) * ratio
        tolerance = 4 * ratio + 1  # the proposal's few points, in pixels
        assert box["x"] + box["width"] / 2 == pytest.approx(centre_x, abs=tolerance)
        assert box["y"] + box["height"] / 2 == pytest.approx(centre_y, abs=tolerance)
        width = (right - left) * ratio
        assert box["width"] == pytest.approx(width, abs=2 * tolerance + 6)
    context.close()


def test_keyboard_users_reach_every_region_and_see_where_it_is(
    browser, live_server, settings
):
    edition, articles, _ = epaper_edition()
    titles = {a.title for a in articles.values() if a.page_number == 1}
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/epaper/{EPAPER_DAY.isoformat()}/1/")
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement; return"
            " e.classList.contains('epaper__region') ? e.getAttribute('aria-label')"
            " : null })()"
        )
        if focused:
            reached.append(focused)
            stroke = page.evaluate(
                "getComputedStyle(document.activeElement.querySelector('polygon')).stroke"
            )
            assert stroke not in ("none", "transparent", "rgba(0, 0, 0, 0)"), stroke
        if len(reached) == len(titles):
            break
    assert set(reached) == titles
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(Article.objects.get(title=reached[-1]).get_absolute_url())
    assert "见报：2024年3月6日 第1版 要闻" in page.inner_text(".article__meta")
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_readers_page_has_no_serious_accessibility_violations(
    browser, live_server, settings, viewport
):
    epaper_edition()
    context = browser.new_context(viewport=viewport, locale="zh-CN", bypass_csp=True)
    serve_media(context, settings.MEDIA_ROOT)
    page = context.new_page()
    page.goto(f"{live_server.url}/epaper/{EPAPER_DAY.isoformat()}/2/")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    context.close()

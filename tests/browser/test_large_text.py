"""Large-text mode for the whole page (#19 item 4), measured in chromium: the
navigation, meta lines, side columns and footer grow with the body, every text
keeps a contrast of at least 4.5:1, and the switch is the keyboard's first stop
on every kind of page."""

import os

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What must grow: (selector, the smallest font size in large mode, in px).
PARTS = [
    (".nav__list a", 20),
    (".article__meta", 18),
    (".article__body", 22),
    (".leaders__name", 19),
    (".leaders__title", 18),
    (".panel__title", 22),
    (".chips a", 18),
    (".footer p", 17),
    (".toolbar__mode", 18),
]
CONTRAST = """(selector) => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const all = [...document.querySelectorAll(selector)];
  const shown = all.filter((el) => el.offsetParent);
  return shown.map((el) => {
    const fg = luminance(parse(getComputedStyle(el).color));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    return [el.textContent.trim().slice(0, 12), Math.round(ratio * 100) / 100];
  });
}"""
TEXTS = (
    ".nav__list a, .article__meta, .article__meta a, .leaders__title, .leaders__name, "
    ".chips a, .footer p, .footer a, .toolbar a, .crumbs, .crumbs a, .masthead__date"
)


@pytest.fixture
def article_url():
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Article.objects.published().filter(officials__isnull=False).first()


def sizes(page):
    return {
        selector: page.evaluate(
            "(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)",
            selector,
        )
        for selector, _ in PARTS
    }


def test_large_text_grows_every_part_of_the_page_with_contrast(
    browser, live_server, article_url
):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    url = f"{live_server.url}{article_url.get_absolute_url()}"
    page.goto(url)
    normal = sizes(page)

    page.click("#display-mode")
    page.wait_for_selector("html.large-text")
    large = sizes(page)

    for selector, smallest in PARTS:
        assert large[selector] > normal[selector], selector
        assert large[selector] >= smallest, selector
    low = [pair for pair in page.evaluate(CONTRAST, TEXTS) if pair[1] < 4.5]
    assert low == []
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, "large-text-article.png"))
    context.close()


@pytest.mark.parametrize(
    "path", ["/", "/archive/", "/officials/", "/departments/", "/search/", "/sitemap/"]
)
def test_the_switch_is_the_first_stop_of_the_keyboard(
    browser, live_server, article_url, path
):
    page = browser.new_page()
    page.goto(f"{live_server.url}{path}")

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.id") == "display-mode"
    page.keyboard.press("Enter")
    page.wait_for_selector("html.large-text")
    assert page.url == f"{live_server.url}{path}"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "标准版"
    page.close()

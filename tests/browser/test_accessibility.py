"""WCAG checks on the public pages: axe-core in Debian's chromium, and the Nu HTML
checker (vnu) on the HTML the server sends. Both come from package.json."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from people.models import Department, Official
from tests.helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require(path):
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run npm install")
        pytest.skip(f"{path} is missing (npm install)")


@pytest.fixture
def pages():
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    article = Article.objects.published().filter(officials__isnull=False).first()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "list": "/archive/2023/11/",
        "leaders": "/officials/",
        "leader": Official.objects.get(name="樊惠林").get_absolute_url(),
        "departments": "/departments/",
        "department": Department.objects.get(name="区政府").get_absolute_url(),
        "search": "/search/?q=安全生产",
        "epaper": "/epaper/",
        "site map": "/sitemap/",
        "privacy": "/privacy/",
    }


@pytest.mark.parametrize("mode", ["normal", "large"])
def test_public_pages_have_no_serious_accessibility_violations(
    browser, live_server, pages, mode
):
    require(AXE)
    # axe is injected as an inline script, which the site's CSP rightly refuses.
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    if mode == "large":
        page.goto(f"{live_server.url}/display/?mode=large&next=/")
    problems = {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        found = axe_violations(page)
        if found:
            problems[name] = found
    context.close()
    assert problems == {}


def test_keyboard_users_reach_the_large_text_switch_then_the_skip_link(
    browser, live_server, pages
):
    """The display switch first (适老化, #19 item 4), then the skip link."""
    page = browser.new_page()
    page.goto(f"{live_server.url}{pages['article']}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "大字版"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_public_html_passes_the_nu_html_checker(pages, tmp_path):
    require(VNU)
    if not shutil.which("java"):
        pytest.fail("java is needed for the Nu HTML checker")
    client = Client()
    files = []
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m['url']).name}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []


def test_the_axe_check_does_catch_violations(browser):
    """The harness itself: a page with known faults must fail it."""
    require(AXE)
    page = browser.new_page()
    page.set_content(
        '<html><body><img src="x.png">'
        '<p style="color:#ccc;background:#fff">浅色文字</p>'
        '<a href="/"></a></body></html>'
    )
    found = " ".join(axe_violations(page))
    assert "image-alt" in found
    assert "color-contrast" in found

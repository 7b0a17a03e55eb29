"""The CSP in a real browser: no page of the site, public or admin, violates it."""

import os

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def test_no_page_violates_its_content_security_policy(browser, live_server, make_user):
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    editor = make_user("编辑", "csp-editor")
    editor.set_password("a-long-test-password")
    editor.save()
    article = Article.objects.published().first()
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security" in m.text else None,
    )
    found = {}

    def visit(path):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        if violations:
            found[path] = violations

    public = ["/", article.get_absolute_url(), "/archive/", "/officials/"]
    public += ["/departments/", "/search/?q=安全生产", "/epaper/"]
    for path in public:
        visit(path)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "csp-editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    visit("/admin/articles/article/add/")
    assert page.locator(".prose-editor .ProseMirror").count() >= 1  # the editor ran
    for path in ["/admin/", "/admin/articles/article/",
                 f"/admin/articles/article/{article.pk}/change/",
                 f"/admin/articles/article/{article.pk}/history/",
                 "/admin/articles/article/statistics/?start=2023-01-01&end=2023-12-31",
                 "/admin/articles/mediaimage/",
                 "/admin/articles/notification/"]:  # fmt: skip
        visit(path)
    context.close()
    assert found == {}
    assert console == []

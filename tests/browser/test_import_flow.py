"""Importing a page in a real browser: preview with findings, import, then open the
draft the importer could not place."""

import pytest

from articles.models import Article, SensitiveWord
from newsroom import roles
from tests.helpers import IMPORT_DATA, load_roster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def test_an_editor_previews_imports_and_finds_what_needs_a_person(
    browser, live_server, make_user, settings, tmp_path
):
    load_roster(settings)
    SensitiveWord.objects.create(word="违禁示例词", level="block")
    make_user(roles.EDITOR, "desk-editor", first_name="值班编辑")
    page_file = tmp_path / "第2版.txt"
    text = (IMPORT_DATA / "planted-errors.txt").read_text(encoding="utf-8")
    page_file.write_bytes(("一段没有标题的文字。\n\n" + text).encode("gb18030"))

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "desk-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/import/")
    page.set_input_files("input[type=file]", str(page_file))
    page.fill("input[name=edition_date]", "2024-05-08")
    page.fill("input[name=page_number]", "2")
    page.click("input[type=submit][value=导入]")

    summary = page.locator("#import-summary")
    assert "预览：将导入 2 篇" in summary.inner_text()
    table = page.locator(".import-preview").inner_text()
    assert "疑似领导姓名有误" in table and "禁用词“违禁示例词”" in table
    assert "需人工处理" in table
    assert not Article.objects.filter(edition_date="2024-05-08").exists()

    page.set_input_files("input[type=file]", str(page_file))
    page.uncheck("input[name=dry_run]")
    page.click("input[type=submit][value=导入]")
    assert "已导入 3 篇草稿，其中 1 篇标为“需人工处理”" in page.inner_text(
        ".messagelist"
    )

    page.goto(f"{live_server.url}/admin/articles/article/")
    page.click('#changelist-filter a[href*="attention=yes"]')
    page.click("#result_list tbody a")
    assert "导入提示：需人工核对" in page.inner_text("#content")
    assert page.input_value("#id_title") == "需人工处理：第2版第1行"
    assert set(
        Article.objects.filter(edition_date="2024-05-08").values_list(
            "status", flat=True
        )
    ) == {"draft"}

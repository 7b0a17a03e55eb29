import pytest

from articles.models import Article
from tests.factories import DepartmentFactory, ReporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def choose_in_autocomplete(page, container, text):
    """Open a select2 box, type, and pick the first matching result."""
    container.click()
    page.keyboard.type(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_writes_an_article_with_byline_tags_and_department_in_the_admin(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser(
        "editor", "e@example.com", "a-long-password-1"
    )
    ReporterFactory(name="景静")
    DepartmentFactory(name="区商务局")
    login(page, live_server, "editor", "a-long-password-1")

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    assert "增加 稿件" in page.content() or "添加 稿件" in page.content()
    page.fill("#id_title", "浏览器里写的稿件")
    page.fill("#id_body", "<p>11月24日，区商务局召开座谈会。</p>")
    choose_in_autocomplete(page, page.locator("#bylines-0 .select2-selection"), "景静")
    choose_in_autocomplete(
        page, page.locator(".field-departments .select2-selection"), "区商务局"
    )
    # A tag nobody has used yet: select2's tags mode offers what was typed.
    choose_in_autocomplete(
        page, page.locator(".field-tags .select2-selection"), "招商引资"
    )
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")

    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get(title="浏览器里写的稿件")
    assert article.byline_text() == "记者 景静"
    assert [d.name for d in article.departments.all()] == ["区商务局"]
    assert list(article.tags.names()) == ["招商引资"]
    assert article.is_published()

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "浏览器里写的稿件"
    assert "记者 景静" in page.locator(".article__meta").inner_text()

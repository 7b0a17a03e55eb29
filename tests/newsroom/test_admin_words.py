"""The admin reads as Chinese (#18 item 6): our catalog (newsroom/locale) in
place of Django's half-translated words, Chinese punctuation in the welcome, a
count that says what it counts, and dates without zero padding."""

import datetime

import pytest
from django.urls import reverse

from articles.models import SensitiveWord
from newsroom import roles
from tests.factories import ArticleFactory, PositionFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor", first_name="值班编辑")


def test_the_admins_own_words_read_as_chinese(editor):
    SensitiveWord.objects.create(word="某某词")

    html = login(editor).get(reverse("admin:articles_sensitiveword_changelist"))
    html = html.content.decode()

    assert "<h1>敏感词列表</h1>" in html  # not "选择 敏感词 来修改"
    assert "新建敏感词" in html  # not "增加 敏感词"
    assert "按级别" in html  # not "以 级别"
    assert "共 1 条敏感词" in html
    assert "欢迎，<strong>值班编辑</strong>" in html
    assert "</strong>." not in html


def test_the_history_title_has_no_stray_space(editor):
    article = ArticleFactory(title="座谈会")

    html = login(editor).get(
        reverse("admin:articles_article_history", args=[article.pk])
    )

    assert "变更历史：座谈会" in html.content.decode()


def test_the_date_drill_down_has_no_zero_padding(editor):
    PositionFactory(start_date=datetime.date(2023, 1, 5))

    html = login(editor).get(
        reverse("admin:people_position_changelist"),
        {"start_date__year": 2023, "start_date__month": 1},
    )

    assert "1月5日" in html.content.decode()
    assert "01月" not in html.content.decode()

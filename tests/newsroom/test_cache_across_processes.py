"""Withdrawal is immediate in every process.

A withdrawn article once stayed public for about ten minutes under three workers:
the page cache had fallen back to each process's own memory, so each worker kept
its own content version. Now that fallback is a system-check error, and with a
shared cache a write from any process — here a separate ``manage.py shell`` —
empties every worker's pages at once.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from articles.models import Article
from newsroom import roles
from newsroom.checks import shared_cache_check
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "newsroom.caching.redis_backend.RedisCache"}}


@pytest.mark.parametrize(
    ("debug", "caches", "page", "fragments", "expected"),
    [
        (False, LOCMEM, True, False, ["newsroom.E001"]),
        (False, LOCMEM, False, True, ["newsroom.E001"]),
        (False, LOCMEM, False, False, []),
        (False, REDIS, True, True, []),
        (True, LOCMEM, True, True, []),
    ],
)
def test_a_page_cache_without_a_shared_backend_is_an_error(
    settings, debug, caches, page, fragments, expected
):
    settings.DEBUG = debug
    settings.CACHES = caches
    settings.PUBLIC_PAGE_CACHE = page
    settings.FRAGMENT_CACHE = fragments
    assert [e.id for e in shared_cache_check(None)] == expected


def test_manage_py_refuses_such_a_configuration():
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PUBLIC_PAGE_CACHE": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "newsroom.E001" in result.stderr


def test_the_default_without_a_shared_cache_is_off():
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings';"
        "from django.conf import settings;"
        "print(settings.PUBLIC_PAGE_CACHE, settings.FRAGMENT_CACHE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["False", "False"], result.stderr


shared = pytest.mark.skipif(
    "redis" not in settings.CACHES["default"]["BACKEND"].lower()
    or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="needs Redis (CACHE_URL) and PostgreSQL, which CI's second run has",
)

WITHDRAW = (
    "from articles import services; from articles.models import Article;"
    "from django.contrib.auth import get_user_model;"
    "services.article_withdraw(article=Article.objects.get(pk={pk}),"
    " actor=get_user_model().objects.get(pk={actor}), reason='另一个进程撤稿')"
)


@shared
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_in_another_process_empties_this_ones_pages(
    client, settings, make_user
):
    settings.PUBLIC_PAGE_CACHE = True
    editor = make_user(roles.EDITOR, "editor")
    article = ArticleFactory(title="将被另一个进程撤下的稿件")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Cache"] == "hit"  # kept in the shared cache

    database = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "0",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
    }
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            WITHDRAW.format(pk=article.pk, actor=editor.pk),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr

    assert Article.objects.get(pk=article.pk).status == Article.Status.WITHDRAWN
    assert client.get(url).status_code == 404

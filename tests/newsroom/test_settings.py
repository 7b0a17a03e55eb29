"""Production refuses to serve without a real key and hosts; tools still run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(code, **env):
    bare = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=bare, capture_output=True, text=True
    )


SERVE = "import newsroom.wsgi"
MANAGE = (
    "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings';"
    "from django.core.management import execute_from_command_line as run;"
)


def test_serving_without_a_secret_key_is_refused():
    result = run(SERVE, ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_serving_without_allowed_hosts_is_refused():
    result = run(SERVE, SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_serving_with_both_starts():
    result = run(SERVE, SECRET_KEY="k" * 50, ALLOWED_HOSTS="news.example.org")
    assert result.returncode == 0, result.stderr


def test_management_tools_run_in_a_bare_environment():
    result = run(
        MANAGE + "run(['manage.py', 'makemigrations', '--check', '--dry-run'])"
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_the_deploy_check_rejects_the_development_key():
    result = run(
        MANAGE + "run(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_values_in_a_env_file_take_effect(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "SITE_NAME=测试区融媒体中心\nREVIEW_LEVELS=3\n", encoding="utf-8"
    )
    result = run(
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings';"
        "from django.conf import settings;"
        "print(settings.SITE_NAME, settings.REVIEW_LEVELS)",
        ENV_FILE=str(env_file),
    )
    assert result.stdout.split() == ["测试区融媒体中心", "3"], result.stderr


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("REVIEW_LEVELS=3\n", encoding="utf-8")
    result = run(
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings';"
        "from django.conf import settings; print(settings.REVIEW_LEVELS)",
        ENV_FILE=str(env_file),
        REVIEW_LEVELS="2",
    )
    assert result.stdout.strip() == "2", result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REVIEW_LEVELS", "x"),
        ("REVIEW_LEVELS", "5"),
        ("AXES_FAILURE_LIMIT", "five"),
        ("PUBLIC_CACHE_SECONDS", "10m"),
        ("DEBUG", "maybe"),
    ],
)
def test_a_wrong_value_stops_start_up_naming_the_variable(tmp_path, name, value):
    env_file = tmp_path / ".env"
    env_file.write_text(f"{name}={value}\n", encoding="utf-8")
    result = run(
        MANAGE + "run(['manage.py', 'check'])",
        ENV_FILE=str(env_file),
    )
    assert result.returncode != 0
    assert name in result.stderr
    assert "ImproperlyConfigured" in result.stderr

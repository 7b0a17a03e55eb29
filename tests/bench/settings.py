"""The site's settings, plus the benchmark's commands and the floor page."""

from newsroom.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench"]  # noqa: F405
ROOT_URLCONF = "tests.bench.urls"

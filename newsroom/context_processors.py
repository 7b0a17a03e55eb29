"""What every template gets: the site's name, tagline and fixed addresses."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse

# Addresses every page's masthead, navigation and footer link to.
_SITE_URLS = (
    "home", "archive", "official_list", "department_list", "epaper", "search",
    "display_mode", "feed_latest", "feed_latest_atom",
)  # fmt: skip


@functools.cache
def site_urls():
    """Reversed once per process: the URLconf and the static manifest do not change
    while it runs, and every page would otherwise reverse them anew."""
    urls = {name: reverse(name) for name in _SITE_URLS}
    urls["favicon"] = static("img/favicon.svg")
    urls["stylesheet"] = static("css/site.css")
    return urls


@receiver(setting_changed)
def _forget_site_urls(**kwargs):
    site_urls.cache_clear()  # tests may swap the URLconf or the static storage


def site(request):
    """The newsroom's name and its fixed addresses."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_URLS": site_urls(),
    }

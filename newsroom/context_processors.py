"""What every template gets: the site's name, tagline, identifiers (the footer)
and fixed addresses."""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from . import identity

# Addresses every page's masthead, navigation and footer link to.
_SITE_URLS = (
    "home", "archive", "official_list", "department_list", "epaper", "search",
    "display_mode", "feed_latest", "feed_latest_atom", "site_map", "privacy",
    "copyright",
)  # fmt: skip


@functools.cache
def site_urls():
    """Reversed once per process: the URLconf and the static manifest do not change
    while it runs, and every page would otherwise reverse them anew."""
    urls = {name: reverse(name) for name in _SITE_URLS}
    urls["favicon"] = static("img/favicon.svg")
    urls["stylesheet"] = static("css/site.css")
    urls["police_badge"] = static("img/police-badge.svg")
    urls["government_badge"] = static("img/government-badge.svg")
    return urls


@receiver(setting_changed)
def _forget_site_urls(**kwargs):
    site_urls.cache_clear()  # tests may swap the URLconf or the static storage


def site(request):
    """The newsroom's name, its identifiers (``SITE``) and its fixed addresses."""
    values = SimpleLazyObject(identity.current)
    return {
        "SITE": values,
        "SITE_NAME": SimpleLazyObject(lambda: values.name),
        "SITE_TAGLINE": SimpleLazyObject(lambda: values.tagline),
        "SITE_URLS": site_urls(),
    }

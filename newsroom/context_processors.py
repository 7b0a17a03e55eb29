from django.conf import settings

from articles.cache import versioned


def site(request):
    """The newsroom's name, and the versioned fragment store, for every template."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "fragment_cache": versioned,
    }

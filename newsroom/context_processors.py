from django.conf import settings


def site(request):
    """Expose the newsroom's name to every template."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE}

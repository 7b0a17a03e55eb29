"""Template tags of the public pages: ``{% load news %}`` — responsive pictures,
summaries and list items; and ``person_name`` for the desk's pages."""

from django import template

from articles.models import cut, list_items
from articles.renditions import renditions
from newsroom.caching.versions import tagged
from people.names import person_name as _person_name

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, alt="", sizes="100vw", width=640, css_class="", lazy=True):
    """<picture> with WebP and JPEG renditions; the original upload is never sent."""
    found = renditions(image)
    if not found:
        return {"found": False}
    widths = found["widths"]
    fallback = min(widths, key=lambda w: abs(w - width))
    return {
        "found": True,
        "webp": ", ".join(f"{found['webp'][w]} {w}w" for w in widths),
        "jpg": ", ".join(f"{found['jpg'][w]} {w}w" for w in widths),
        "src": found["jpg"][fallback],
        "width": fallback,
        "height": round(fallback * found["ratio"]),
        "sizes": sizes,
        "alt": alt,
        "css_class": css_class,
        "lazy": lazy,
    }


@register.simple_tag
def image_url(image, width=1280):
    """The URL of one rendition (for og:image)."""
    found = renditions(image)
    if not found:
        return ""
    fallback = min(found["widths"], key=lambda w: abs(w - width))
    return found["jpg"][fallback]


@register.simple_tag
def summary(article, length):
    """An article's summary (its own, or the opening of the body) in at most
    ``length`` characters."""
    return cut(article.display_summary(length), length)


@register.simple_tag
def article_items(articles):
    """The articles of a list with what their items print (``list_items``: two
    queries for the whole list), the page tagged with each item's tags:
    ``{% article_items articles as items %}{% for article in items %}…``."""
    articles = list_items(articles)
    for article in articles:
        tagged(*article.item_tags)
    return articles


@register.filter
def person_name(user):
    """A desk user as people call them (people.names), never a bare login."""
    return _person_name(user)

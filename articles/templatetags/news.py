"""Template tags of the public pages: ``{% load news %}`` — responsive pictures,
summaries and the cached list items; and ``person_name`` for the desk's pages."""

from django import template
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string

from articles.cache_tags import item_tags
from articles.models import cut, list_prefetches
from articles.renditions import renditions
from newsroom.caching.versions import versioned_many
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


@register.simple_tag(takes_context=True)
def article_items(context, articles, show_summary=False):
    """The <li> of each article in a list, each rendered once until its tags are
    purged (newsroom.caching):
    ``{% article_items articles as items %}{% for item in items %}{{ item }}…``.

    Items found in the cache cost nothing; only the others have their bylines and
    departments fetched (two queries for the whole page) and are rendered.
    """
    articles = list(articles)
    by_name = {f"item:{a.pk}:{int(show_summary)}": a for a in articles}

    def render(names):
        missing = [by_name[name] for name in names]
        prefetch_related_objects(missing, *list_prefetches())
        return {
            name: render_to_string(
                "includes/article_item.html",
                {"article": by_name[name], "show_summary": show_summary},
                request=context.get("request"),
            )
            for name in names
        }

    found = versioned_many(
        list(by_name), render, tags_of=lambda name: item_tags(by_name[name])
    )
    return [found[name] for name in by_name]


@register.filter
def person_name(user):
    """A desk user as people call them (people.names), never a bare login."""
    return _person_name(user)

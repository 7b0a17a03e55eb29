from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.cache import current_version
from articles.models import cut, list_prefetches
from articles.renditions import renditions

register = template.Library()


@register.simple_tag
def picture(image, alt="", sizes="100vw", width=640, css_class="", lazy=True):
    """<picture> with WebP and JPEG renditions; the original upload is never sent."""
    found = renditions(image)
    if not found:
        return ""
    widths = found["widths"]
    fallback = min(widths, key=lambda w: abs(w - width))
    height = round(fallback * found["ratio"])

    def srcset(ext):
        return format_html_join(", ", "{} {}w", ((found[ext][w], w) for w in widths))

    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}"{}{}>'
        "</picture>",
        srcset("webp"),
        sizes,
        found["jpg"][fallback],
        srcset("jpg"),
        sizes,
        alt,
        fallback,
        height,
        format_html(' class="{}"', css_class) if css_class else "",
        format_html(' loading="lazy" decoding="async"') if lazy else "",
    )


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
    """The <li> of each article in a list, each rendered once per content version.

    Items found in the cache cost nothing; only the others have their bylines and
    departments fetched (two queries for the whole page) and are rendered.
    """
    articles = list(articles)
    stored = settings.FRAGMENT_CACHE
    version, limit = current_version() if stored else (None, None)
    keys = {a.pk: f"public:item:{version}:{a.pk}:{int(show_summary)}" for a in articles}
    found = cache.get_many(list(keys.values())) if stored else {}
    missing = [a for a in articles if keys[a.pk] not in found]
    if missing:
        prefetch_related_objects(missing, *list_prefetches())
        fresh = {
            keys[a.pk]: render_to_string(
                "includes/article_item.html",
                {"article": a, "show_summary": show_summary},
                request=context.get("request"),
            )
            for a in missing
        }
        if stored:
            cache.set_many(fresh, limit)
        found.update(fresh)
    return mark_safe("".join(found[keys[a.pk]] for a in articles))

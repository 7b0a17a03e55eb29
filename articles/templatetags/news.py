from django import template
from django.utils.html import format_html, format_html_join

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

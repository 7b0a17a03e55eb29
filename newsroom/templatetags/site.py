"""Template tags every public page uses: ``{% load site %}``.

- ``{% public_cache name [vary_on…] [tags=expr] [unless cond] %}…``
  ``{% endpublic_cache %}``: a part of a page rendered once and kept until one
  of its tags is purged (like Django's ``{% cache %}``, but invalidated with the
  public pages rather than by a timeout). Its tags are those named while it
  renders (``tagged``) and ``tags=``, resolved only when the part is rendered;
- ``{% crumbs … %}``: the breadcrumb trail;
- ``day``, ``month_day``, ``month``: dates as the site prints them, in the site's
  time zone.
"""

from django import template

from newsroom.caching.versions import tagged, versioned

register = template.Library()


class PublicCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on, unless, tags):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on
        self.unless, self.tags = unless, tags

    def render(self, context):
        if self.unless is not None and self.unless.resolve(context):
            return self.nodelist.render(context)
        parts = [str(self.name.resolve(context))]
        parts += [str(v.resolve(context)) for v in self.vary_on]

        def render():
            if self.tags is not None:
                tagged(*self.tags.resolve(context))
            # A rendered nodelist is a SafeString, and stays one through the cache.
            return self.nodelist.render(context)

        return versioned(":".join(parts), render)


@register.tag
def public_cache(parser, token):
    """``{% public_cache name [vary_on…] [tags=expr] [unless condition] %}``: with
    ``unless``, the part is rendered afresh whenever the condition holds (a staff
    preview)."""
    bits = token.split_contents()
    unless = None
    if len(bits) > 2 and bits[-2] == "unless":
        unless = parser.compile_filter(bits[-1])
        bits = bits[:-2]
    tags = None
    if bits[-1].startswith("tags="):
        tags = parser.compile_filter(bits.pop()[len("tags=") :])
    if len(bits) < 2:
        raise template.TemplateSyntaxError("public_cache 需要一个名字。")
    nodelist = parser.parse(("endpublic_cache",))
    parser.delete_first_token()
    return PublicCacheNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(b) for b in bits[2:]],
        unless,
        tags,
    )


@register.inclusion_tag("includes/crumbs.html")
def crumbs(*trail):
    """Breadcrumbs under 首页: ``{% crumbs "往期回顾" archive_url heading %}`` —
    label and URL pairs, and the current page's label last (not a link)."""
    pairs = [(trail[i], trail[i + 1]) for i in range(0, len(trail) - 1, 2)]
    current = trail[-1] if len(trail) % 2 else None
    return {"trail": pairs, "current": current}


@register.filter(expects_localtime=True)
def day(value):
    """A date as the site prints it: 2023年11月29日 (no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@register.filter(expects_localtime=True)
def month_day(value):
    """11月29日, for headline lists of the current year."""
    return f"{value.month}月{value.day}日" if value else ""


@register.filter(expects_localtime=True)
def iso(value):
    """A time for <time datetime> and meta tags, in the site's time zone, to the
    second: 2023-11-29T08:30:00+08:00 (``|date:'c'`` writes microseconds, six
    digits, which HTML's datetime does not allow)."""
    return value.replace(microsecond=0).isoformat() if value else ""


@register.filter(expects_localtime=True)
def month(value):
    """2023年11月."""
    return f"{value.year}年{value.month}月" if value else ""

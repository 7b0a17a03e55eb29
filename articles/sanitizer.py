"""The one allow-list of HTML an article body may contain.

Called from ``Article.save()`` so that every path that stores a body — admin form,
ORM, importer, demo loader — stores only what is listed here.
"""

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "hr",
    "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_body(html):
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def paragraphs_to_html(text):
    """Plain text, paragraphs separated by blank lines → escaped ``<p>`` elements.

    Line breaks inside a paragraph are dropped without a space, as Chinese copy wants.
    """
    paragraphs = text.replace("\r\n", "\n").split("\n\n")
    html = []
    for paragraph in paragraphs:
        joined = "".join(line.strip() for line in paragraph.splitlines())
        if joined:
            html.append(f"<p>{escape(joined)}</p>")
    return "".join(html)

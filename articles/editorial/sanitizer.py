"""The one allow-list of HTML an article body may contain, and an article as text.

``sanitize_body`` is called from ``Article.save()`` so that every path that stores
a body — admin form, ORM, importer, demo loader — stores only what is listed here.
``article_text`` is the one plain-text reading of an article, for
``Article.plain_text()`` and the importer's parsed articles alike.
"""

import html as html_lib
import re

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
# A tag of sanitized HTML, quoted attribute values (which may hold ">") included.
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


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


def plain_text(html):
    """The text of a sanitized body: tags dropped, entities turned back into the
    characters they stand for (the result is escaped again where it is shown).

    A regular expression suffices because bodies only ever hold nh3's well-formed
    output (or the opening of it), and it is many times faster than an HTML parser
    on a list of summaries.
    """
    text = TAG.sub("", html)
    # Text never holds a bare "<" (nh3 writes &lt;): one left is a tag cut short.
    return html_lib.unescape(text.split("<", 1)[0])


# Where a body's text breaks into lines: the end of every block element.
BLOCK_END = re.compile(r"</(?:p|h[2-4]|li|blockquote|figcaption|caption|tr)>|<br\s*/?>")


def body_paragraphs(html):
    """The text of each paragraph (and heading, list item, caption…) of a body."""
    lines = plain_text(BLOCK_END.sub("\n", html or "")).split("\n")
    return [line.strip() for line in lines if line.strip()]


def article_text(*, kicker="", title="", subtitle="", summary="", paragraphs=()):
    """Headlines, summary and paragraphs, one a line, the empty ones left out."""
    return "\n".join(p for p in (kicker, title, subtitle, summary, *paragraphs) if p)


# Characters that print as nothing: zero-width space and joiners, word joiner, soft
# hyphen, BOM, bidirectional controls, variation selectors, tag characters, the
# Hangul fillers. Checks remove them first, so that a blocked word cannot be hidden
# by putting one inside it; the importer removes them from pasted copy.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\uffa0"
    "\U000110bd\U000110cd\U00013430-\U0001345f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def remove_invisible(text):
    """Text without the characters that print as nothing: every format character
    (Unicode category Cf) and the variation selectors and fillers."""
    return INVISIBLE.sub("", text)

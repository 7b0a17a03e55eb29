"""Turn a page of the printed paper (plain text, GBK or UTF-8, or a Word document)
into draft articles.

``formats`` reads the file; ``lines`` names what each line is; ``layout`` joins
lines into paragraphs and finds unmarked captions; ``headlines`` reads kicker,
title and subtitle; ``bylines``, ``names`` and ``openings`` read credits and
电头; ``parser`` walks the page and cuts it into articles, ``assembly`` fills
each one, ``results`` holds what they make; ``store`` saves drafts.
``parse_page`` touches no database; ``import_edition`` does.
"""

from .formats import EditionError, decode, read
from .parser import parse_page
from .punctuation import normalize_punctuation
from .results import Block, Page, ParsedArticle
from .store import ImportResult, import_edition

__all__ = [
    "Block",
    "EditionError",
    "ImportResult",
    "Page",
    "ParsedArticle",
    "decode",
    "import_edition",
    "normalize_punctuation",
    "parse_edition",
    "parse_page",
    "read",
]


def parse_edition(text, roster=()):
    """The articles of a page (what ``parse_page`` found, without the rest)."""
    if not text or not text.strip():
        raise EditionError("文件是空的，没有可导入的内容。")
    return parse_page(text, roster).articles

"""Chinese full-text search.

Text is segmented with jieba (its dictionary plus the officials' and departments'
names and aliases, so 樊惠林 and 区纪委监委 stay whole) into space-separated words
stored in ``Article.search_text``. On PostgreSQL a GIN index over
``Article.search_vector`` (to_tsvector('simple', search_text), stored) answers
ranked queries; on SQLite a plain substring match is the fallback.
"""

import logging
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connections, router
from django.db.models import F, Q
from django.utils.html import strip_tags

from newsroom.caching import keys
from people.models import Department, Official

from .editorial.sanitizer import plain_text

# Results are ranked among the newest matches only, so that a common word in a
# hundred thousand articles is still answered in milliseconds: the newest 200 are
# ten pages; narrowing by date reaches further back.
RANKED_MATCHES = 200
USER_WORDS_TTL = 300  # other processes pick up new names within five minutes
WORD = re.compile(r"[\w\u4e00-\u9fff]")
_tokenizer = None
_added_words = set()


def tokenizer():
    global _tokenizer
    if _tokenizer is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        _tokenizer = jieba.Tokenizer()
        _tokenizer.initialize()
    _add_user_words(_tokenizer)
    return _tokenizer


def user_words():
    words = cache.get(keys.SEARCH_USER_WORDS)
    if words is None:
        words = set()
        for official in Official.objects.only("name", "aliases"):
            words.update([official.name, *official.alias_list()])
        for department in Department.objects.only("name", "full_name", "aliases"):
            words.update(department.names())
        words = sorted(w for w in words if len(w) > 1)
        cache.set(keys.SEARCH_USER_WORDS, words, USER_WORDS_TTL)
    return words


def forget_user_words(**kwargs):
    """Signal receiver: a name changed, rebuild the dictionary's extra words."""
    cache.delete(keys.SEARCH_USER_WORDS)


def _add_user_words(tk):
    for word in user_words():
        if word not in _added_words:
            tk.add_word(word, freq=100_000)
            _added_words.add(word)


def _words(text, fine=True):
    tk = tokenizer()
    cut = tk.cut_for_search(text) if fine else tk.cut(text)
    return [w.lower() for w in cut if WORD.search(w)]


def index_text(*parts):
    """Space-separated search words for the given texts (HTML is stripped)."""
    text = "\n".join(strip_tags(p or "") for p in parts)
    return " ".join(_words(text))


def query_words(q):
    """The words of a query as typed, precise segmentation, no duplicates."""
    seen = []
    for word in _words(q[:200], fine=False):
        if word not in seen:
            seen.append(word)
    return seen[:10]


def _lexeme(word):
    return "'" + word.replace("'", "''").replace("\\", "") + "'"


def tsquery(words):
    """Every word must match, either whole or as its dictionary parts in a row.

    The index holds jieba's fine-grained words: 生态环境保护 is stored as 生态, 环境,
    保护, 环境保护 — so a query for 生态环境 also matches 生态 followed by 环境.
    """
    tk = tokenizer()
    terms = []
    for word in words:
        parts = [p for p in tk.cut_for_search(word) if p != word and len(p) > 1]
        alternatives = [_lexeme(word)]
        if parts and "".join(parts) == word:
            alternatives.append("(" + " <-> ".join(_lexeme(p) for p in parts) + ")")
        elif parts:
            alternatives.append("(" + " & ".join(_lexeme(p) for p in parts) + ")")
        terms.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(terms)


def is_postgresql(model, using=None):
    return connections[using or router.db_for_read(model)].vendor == "postgresql"


def update_vector(queryset, using=None):
    """Refresh the stored tsvector of the given rows (PostgreSQL only)."""
    if is_postgresql(queryset.model, using):
        queryset.using(using or router.db_for_write(queryset.model)).update(
            search_vector=SearchVector("search_text", config="simple")
        )


def search(articles, q):
    """Filter and rank ``articles`` (already public) by the query ``q``."""
    words = query_words(q)
    if not words:
        return articles.none(), []
    if is_postgresql(articles.model, articles.db):
        query = SearchQuery(tsquery(words), config="simple", search_type="raw")
        newest = (
            articles.filter(search_vector=query)
            .order_by("-published_at", "-pk")
            .values("pk")[:RANKED_MATCHES]
        )
        ranked = articles.model.objects.filter(pk__in=newest).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
        return ranked.order_by("-rank", "-published_at", "-pk"), words
    condition = Q()
    for word in words:
        condition &= (
            Q(title__icontains=word)
            | Q(subtitle__icontains=word)
            | Q(kicker__icontains=word)
            | Q(body__icontains=word)
        )
    return articles.filter(condition).order_by("-published_at", "-pk"), words


def marked(text, words):
    """``text`` cut into [(is_a_query_word, part)…], for the template to mark.

    Matching runs on the plain text, before any escaping, so a word never matches
    inside an entity (searching "lt" must not break "&lt;").
    """
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return [(False, text)]
    pattern = re.compile("(" + "|".join(map(re.escape, words)) + ")", re.IGNORECASE)
    return [(index % 2 == 1, part) for index, part in enumerate(pattern.split(text))]


def excerpt(html, words, length=120):
    """A stretch of the body around the first query word, cut as ``marked``."""
    # Paragraphs run together as Chinese prose does, without a space between.
    text = " ".join(plain_text(html).split())
    positions = [text.lower().find(w) for w in words if text.lower().find(w) >= 0]
    start = max(0, min(positions) - 30) if positions else 0
    snippet = text[start : start + length]
    prefix = [(False, "…")] if start else []
    suffix = [(False, "…")] if start + length < len(text) else []
    return prefix + marked(snippet, words) + suffix

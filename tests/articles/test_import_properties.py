"""Properties of the importer over generated pages (hypothesis): no input raises, no
text is lost, and an import is whole or not at all."""

import datetime
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.editorial.importer import EditionError, import_edition, parse_page, read
from articles.editorial.importer.bylines import ROLE, SUFFIX
from articles.models import Article

# Pieces real pages are made of, so that generated pages reach every branch.
PIECES = [
    "本报讯", "本网讯", "青枫讯", "南岭日报客户端5月8日电", "（记者 林晓）",
    "(通讯员齐悦",
    "记者", "通讯员", "首席记者", "区融媒体中心记者", "实习生", "摄", "文/图", "报道",
    "林晓", "杜宇航", "王芳李文华", "周 健", "欧阳青", "（综合）", "（完）", "图为",
    "图片说明：", "责任编辑：何一鸣", "第2版：要闻", "QF-0508-02", "（下转第2版）", "■",
    "□", "◎", "一、", "【聚焦】", "——", "区委书记韩立峰", "区长苏明远", "5月8日，",
    "柳塘镇召开会议", "强调", "要加快进度", "。", "，", "、", "；", "：", "！", "？",
    " ", "\u3000", "\n", "\n\n", "\n\n", "\r\n", ".", ",", "(", ")", "1", "2024年",
]  # fmt: skip
page_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=80
).map("".join)

REMOVED = re.compile(rf"图片说明|图说|图注|图为|{ROLE}|{SUFFIX}")


def output(page):
    """Everything the importer kept, as one string."""
    parts = []
    for article in page.articles:
        parts += [article.kicker, article.title, article.subtitle, article.source]
        parts += article.paragraphs + article.captions + article.notes
        parts.append("".join(c.name for c in article.credits))
        parts += [c.label for c in article.credits]
    parts += [block.text for block in page.unplaced]
    parts += [text for _, _, text in page.furniture]
    return "\n".join(parts)


@settings(max_examples=300, deadline=None)
@given(page_text)
def test_no_page_raises_and_no_text_is_lost(text):
    try:
        clean = read(text.encode("utf-8", "surrogatepass"))
    except EditionError:
        return  # refused with a message (NUL, not text): nothing to lose
    page = parse_page(clean, {"林晓", "杜宇航"})
    kept = output(page)
    for line in clean.split("\n"):
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", REMOVED.sub(" ", line)):
            assert run in kept or run in kept.replace("\n", ""), (run, line)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(page_text)
def test_an_import_is_whole_and_a_second_one_adds_nothing(text):
    try:
        clean = read(text.encode("utf-8", "surrogatepass"))
    except EditionError:
        return
    day = datetime.date(2024, 5, 8)
    with transaction.atomic():
        before = Article.objects.count()
        result = import_edition(clean, edition_date=day, page_number=3)
        made = Article.objects.count() - before
        assert made == len(result.drafts)
        assert made == len(result.rows) - len(result.skipped) + sum(
            1 for a in result.flagged if a not in result.created
        )
        assert set(
            Article.objects.filter(edition_date=day).values_list("status", flat=True)
        ) <= {"draft"}
        again = import_edition(clean, edition_date=day, page_number=3)
        assert Article.objects.count() - before == made
        assert not again.drafts
        transaction.set_rollback(True)

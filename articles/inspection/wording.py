"""内容审校: every published article through the editorial checks as they stand
today (word list, leaders' names and titles on the article's date, protocol
order, personal data), so that a word added to the list now finds the old
articles that carry it. A wrong leader name or title, a banned word and personal
data fail the inspection (单项否决); the others are warnings."""

from django.urls import reverse

from people.places import district_names

from ..editorial import checks as editorial
from ..models import Article
from .report import outcome

SECTION = "内容审校"
ROW_COLUMNS = ["发布日期", "标题", "网址", "问题", "原文"]
# (check name, rule, which findings it lists, warn only)
GROUPS = [
    (
        "领导姓名和职务",
        "领导姓名、职务与稿件日期的任职一致",
        lambda f: f.check in ("title", "name"),
        False,
    ),
    (
        "禁用词",
        "已发布稿件不含禁用词（按当前词表）",
        lambda f: f.check == "word" and f.severity == editorial.BLOCK,
        False,
    ),
    (
        "个人信息",
        "已发布稿件不公开身份证号、手机号、银行卡号",
        lambda f: f.check == "personal",
        False,
    ),
    (
        "慎用词",
        "慎用词逐条核对",
        lambda f: f.check == "word" and f.severity != editorial.BLOCK,
        True,
    ),
    ("领导排序", "领导按职务排序", lambda f: f.check == "order", True),
]
FIELDS = ["pk", "slug", "kicker", "title", "subtitle", "summary", "body"]


def scan(articles=None, chunk=500):
    """(article, findings) for every published article that has any."""
    officials = editorial.leaders()
    places = district_names()
    words = editorial.word_list()
    memo = {}  # each day's titles, worked out once for the run
    articles = articles or Article.objects.published()
    query = articles.only(*FIELDS, "published_at", "edition_date").order_by("pk")
    for article in query.iterator(chunk_size=chunk):
        findings = editorial.check_text(
            article.plain_text(),
            article.publication_date(),
            officials,
            places,
            words,
            memo,
        )
        if findings:
            yield article, findings


def checks():
    grouped = {name: [] for name, *_ in GROUPS}
    for article, findings in scan():
        for finding in findings:
            for name, _, wanted, _ in GROUPS:
                if wanted(finding):
                    grouped[name].append(
                        [
                            f"{article.publication_date():%Y-%m-%d}",
                            article.title,
                            reverse("article_short", args=[article.pk]),
                            finding.message,
                            finding.excerpt,
                        ]
                    )
    total = Article.objects.published().count()
    found = []
    for name, rule, _, warn in GROUPS:
        rows = grouped[name]
        found.append(
            outcome(
                SECTION,
                name,
                rule,
                problems=rows,
                detail=f"检查已发布稿件 {total} 篇，发现 {len(rows)} 处。",
                columns=ROW_COLUMNS,
                warn=warn,
            )
        )
    return found

"""Turn a plain-text page of the printed paper into draft articles.

Copy arrives as the paper printed it: a headline (with a subtitle after a space or
on its own line), a first paragraph opening with 本报讯, paragraphs separated by blank
lines and broken mid-sentence where the print layout broke a column, and bylines
(记者 景静 通讯员 孙扩龙) on their own lines, at the end of the last paragraph or in
parentheses after 本报讯. ``parse_edition`` reads that into ``ParsedArticle`` values
without touching the database; ``import_edition`` stores them as drafts, all or
nothing.
"""

import re
from dataclasses import dataclass, field

import reversion
from django.db import transaction

from people.models import Department, Official, Reporter

from .linking import find_entities
from .models import Article, Byline
from .sanitizer import paragraphs_to_html

ROLE_WORDS = {
    "记者": Reporter.Kind.REPORTER,
    "本报记者": Reporter.Kind.REPORTER,
    "通讯员": Reporter.Kind.CORRESPONDENT,
    "实习生": Reporter.Kind.INTERN,
    "实习记者": Reporter.Kind.INTERN,
    "摄影": Reporter.Kind.PHOTOGRAPHER,
    "摄影记者": Reporter.Kind.PHOTOGRAPHER,
    "摄": Reporter.Kind.PHOTOGRAPHER,
    "编辑": Reporter.Kind.EDITOR,
}
_ROLE = "|".join(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True))
# A name: 2–6 Han characters, and never a role word ("记者 朱翔宇 通讯员 杨东杰").
_NAME = rf"(?!(?:{_ROLE})(?:[ \u3000:：]|$))[\u4e00-\u9fff][\u4e00-\u9fff·]{{1,5}}"
_NAMES = rf"{_NAME}(?:[ \u3000、，,]+{_NAME})*"
# One role followed by one or more names: "记者 景静 朱翔宇", "通讯员：孙扩龙".
_ROLE_GROUP = rf"(?:{_ROLE})[ \u3000]*[:：]?[ \u3000]*{_NAMES}"
BYLINE_LINE = re.compile(rf"^(?:{_ROLE_GROUP}[ \u3000]*)+$")
ROLE_GROUP = re.compile(rf"({_ROLE})[ \u3000]*[:：]?[ \u3000]*({_NAMES})")
# Bylines run on after the last sentence: "……建设。记者 景静".
INLINE_BYLINE = re.compile(
    rf"(?<=[。！？!?”』」）)])[ \u3000]*((?:{_ROLE_GROUP}[ \u3000]*)+)$"
)
SOURCE = re.compile(r"^(本报\S{0,8}?讯)[ \u3000]*")
SOURCE_BYLINE = re.compile(rf"^[（(]((?:{_ROLE_GROUP}[ \u3000]*)+)[）)][ \u3000]*")
SENTENCE_END = "。！？!?…”’」』）)；;：:"
# A headline never ends like a sentence or a clause; it may end with a quote.
NOT_HEADLINE_END = "。！？!?；;：:，,、…"
HEADLINE_MAX = 80

# Half-width punctuation in Chinese copy becomes full-width, as the paper prints it.
_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


class EditionError(ValueError):
    """Input that cannot be imported; the message names the line."""


@dataclass
class ParsedArticle:
    title: str
    subtitle: str = ""
    kicker: str = ""
    source: str = "本报讯"
    paragraphs: list = field(default_factory=list)
    bylines: list = field(default_factory=list)  # [(role, name)] in printed order
    line: int = 0

    @property
    def body_text(self):
        return "\n\n".join(self.paragraphs)


def decode(data):
    """Bytes → text, or an EditionError naming the first line that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise EditionError(
            f"第 {line} 行不是 UTF-8 编码的文字，请另存为 UTF-8 后再导入。"
        ) from error


def normalize_punctuation(text):
    def to_full(match):
        return HALF_TO_FULL[match.group(0)]

    text = re.sub(rf"(?<={_CJK})[,;:?!]|[,;:?!](?={_CJK})", to_full, text)
    # A full stop after Chinese text (not a decimal point: 3.5 stays).
    text = re.sub(r"(?<=[\u4e00-\u9fff”）])\.(?![0-9])", "。", text)
    # Parentheses around Chinese text: (法资、美资) → （法资、美资）.
    return re.sub(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)", r"（\1）", text)


def parse_bylines(text):
    return [
        (ROLE_WORDS[role], name)
        for role, names in ROLE_GROUP.findall(text)
        for name in re.split(r"[ \u3000、，,]+", names)
        if name
    ]


def is_byline(block):
    return bool(BYLINE_LINE.match(block))


def _blocks(text):
    """Blocks separated by blank lines: (first line number, [lines])."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.replace("\u3000", " ").strip()
        if stripped:
            if not current:
                start = number
            current.append(stripped)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return [(start, "".join(lines), lines) for start, lines in blocks]


def _looks_like_headline(block):
    return (
        len(block) <= HEADLINE_MAX
        and "。" not in block
        and block[-1] not in NOT_HEADLINE_END
        and not is_byline(block)
    )


def parse_edition(text):
    """Read a page of plain text into a list of ``ParsedArticle``."""
    if not text or not text.strip():
        raise EditionError("文件是空的，没有可导入的内容。")
    blocks = _blocks(text)
    starts = [i for i, (_, block, _) in enumerate(blocks) if SOURCE.match(block)]
    if not starts:
        raise EditionError(
            f"第 {blocks[0][0]} 行起没有找到以“本报讯”开头的正文，无法分出稿件。"
        )
    # Each article's headline: up to three headline-like blocks right before 本报讯.
    headlines = []
    for n, start in enumerate(starts):
        lower = starts[n - 1] + 1 if n else 0
        first = start
        while (
            first > lower
            and start - first < 3
            and _looks_like_headline(blocks[first - 1][1])
        ):
            first -= 1
        if first == start:
            raise EditionError(f"第 {blocks[start][0]} 行的正文前面找不到标题。")
        headlines.append(first)
    articles = []
    for n, start in enumerate(starts):
        end = headlines[n + 1] if n + 1 < len(starts) else len(blocks)
        lines = [line for _, _, lines in blocks[headlines[n] : start] for line in lines]
        article = _headline(lines)
        article.line = blocks[headlines[n]][0]
        _body(article, [block for _, block, _ in blocks[start:end]])
        articles.append(article)
    return articles


def _headline(lines):
    lines = [normalize_punctuation(line) for line in lines]
    if len(lines) == 1:
        title, _, subtitle = lines[0].partition(" ")
        return ParsedArticle(title=title.strip(), subtitle=subtitle.strip())
    if len(lines) == 2:
        return ParsedArticle(title=lines[0], subtitle=lines[1])
    return ParsedArticle(kicker=lines[0], title=lines[1], subtitle=" ".join(lines[2:]))


def _body(article, blocks):
    # Bylines on their own lines at the end.
    trailing = []
    while blocks and is_byline(blocks[-1]):
        trailing[:0] = parse_bylines(blocks.pop())
    # Join paragraphs the print layout broke mid-sentence.
    paragraphs = []
    for block in blocks:
        if paragraphs and paragraphs[-1][-1] not in SENTENCE_END:
            paragraphs[-1] += block
        else:
            paragraphs.append(block)
    first = paragraphs[0]
    source = SOURCE.match(first)
    article.source = source.group(1)
    first = first[source.end() :]
    opening = []
    parenthesis = SOURCE_BYLINE.match(first)
    if parenthesis:
        opening = parse_bylines(parenthesis.group(1))
        first = first[parenthesis.end() :]
    paragraphs[0] = first.strip()
    inline = []
    match = INLINE_BYLINE.search(paragraphs[-1])
    if match:
        inline = parse_bylines(match.group(1))
        paragraphs[-1] = paragraphs[-1][: match.start()].rstrip()
    article.paragraphs = [normalize_punctuation(p) for p in paragraphs if p]
    # In printed order: 本报讯（…）, then the end of the last paragraph, then own lines.
    article.bylines = _unique(opening + inline + trailing)


def _unique(bylines):
    seen, result = set(), []
    for byline in bylines:
        if byline not in seen:
            seen.add(byline)
            result.append(byline)
    return result


@dataclass
class ImportResult:
    created: list = field(default_factory=list)  # Article (or ParsedArticle on dry run)
    skipped: list = field(default_factory=list)  # (ParsedArticle, existing Article)
    new_reporters: list = field(default_factory=list)


def import_edition(
    text, *, edition_date, page_number=None, page_name="", actor=None, dry_run=False
):
    """Store a page as draft articles, all or nothing. Re-importing skips duplicates."""
    from . import services

    parsed = parse_edition(text)
    result = ImportResult()
    officials, departments = (
        list(Official.objects.all()),
        list(Department.objects.all()),
    )
    with transaction.atomic():
        for order, item in enumerate(parsed, start=1):
            existing = Article.objects.filter(
                edition_date=edition_date, title=item.title
            ).first()
            if existing:
                result.skipped.append((item, existing))
                continue
            if dry_run:
                result.created.append(item)
                continue
            with reversion.create_revision():
                if actor is not None:
                    reversion.set_user(actor)
                reversion.set_comment(f"导入 {edition_date} 第{page_number or '?'}版")
                article = Article(
                    kicker=item.kicker,
                    title=item.title,
                    subtitle=item.subtitle,
                    source=item.source,
                    body=paragraphs_to_html(item.body_text),
                    edition_date=edition_date,
                    page_number=page_number,
                    page_name=page_name,
                    page_order=order,
                    author=actor,
                    updated_by=actor,
                )
                article.full_clean()
                article.save()
                _add_bylines(article, item.bylines, result)
                named, units = find_entities(
                    " ".join([item.title, item.subtitle, item.body_text]),
                    officials,
                    departments,
                )
                article.officials.set(named)
                article.departments.set(units)
            if actor is not None:
                services.log_created(article=article, actor=actor)
            result.created.append(article)
    return result


def _add_bylines(article, bylines, result):
    for order, (role, name) in enumerate(bylines):
        reporter = Reporter.objects.filter(name=name).order_by("pk").first()
        if reporter is None:
            reporter = Reporter.objects.create(name=name, kind=role)
            result.new_reporters.append(reporter)
        Byline.objects.get_or_create(
            article=article, reporter=reporter, role=role, defaults={"order": order}
        )

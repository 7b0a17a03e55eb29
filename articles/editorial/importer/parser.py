"""A page of text → articles, with everything else on the page accounted for.

The page is cut into units (a paragraph, a headline line, a byline …, see
``lines`` and ``layout``). An article starts at a stack of headline lines
(引题/主题/副题) followed by body text. Whether a headline-shaped line in the
middle of a story starts a new article or is a subhead is decided from its neighbours:

- certain: the next paragraph opens with a 电头 or a byline, or the story before
  has ended (a byline, an end mark, a collective credit after its last paragraph);
- uncertain: a stack of several lines, or a next paragraph that starts with a date
  (11月23日，……) — split, and the preview says the split is a guess;
- otherwise a subhead of the story it is in — kept, and the preview says so.

Captions between two stories go to the one whose text they share most words with.
Text that belongs to no article (body without a headline) is kept as a block for a
person to place. Nothing is dropped: page furniture is listed by line number.
"""

import re
from dataclasses import dataclass, field

from ..sanitizer import article_text
from . import bylines, openings
from .formats import EditionError
from .headlines import headline_fields
from .layout import CAPTION_MAX, find_captions, relabel, units
from .lines import PICTURE_LABEL, SENTENCE_END, Kind, credit_text
from .names import HAN
from .punctuation import normalize_punctuation

TIME_START = re.compile(
    r"^(?:[0-9０-９]{1,4}年)?[0-9０-９]{1,2}月[0-9０-９]{1,2}[日号]"
    r"|^(?:近日|日前|近期|连日来|今年以来|昨天|昨日|今天|今日|当天|近年来|本周|上周|此前)"
)
CAPTION_LABEL = re.compile(r"^(?:图片说明|图说|图注|说明)[:：]\s*|^[▲△↑↓←→◀▶]\s*")
CAPTION_CREDIT = re.compile(
    rf"[ \u3000]*(?P<credit>(?:(?:{bylines.ROLE})[ \u3000]*)?[{HAN}·]{{1,8}}"
    rf"(?:[ \u3000][{HAN}·]{{1,8}})*[ \u3000]*[/／]?(?:摄影|摄))$"
    rf"|[ \u3000]*[（(](?P<paren>[^（）()]{{2,30}}(?:摄影|摄))[）)]$"
)
END_MARK = re.compile(r"[（(]\s*(?:完|全文完)\s*[）)]$")
HEADLINE_STACK_MAX = 4
CREDIT_REACH = 40  # how far from the end of a caption its photo credit may start
MAX_ARTICLES = 200  # a printed page holds a few dozen at most
# What may stand between a headline and its body: a byline, a caption, a meta line
# (发布时间：… 来源：…), a story code.
LEAD_KINDS = (Kind.BYLINE, Kind.CAPTION, Kind.FURNITURE, Kind.CODE)


@dataclass
class ParsedArticle:
    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    source: str = ""
    paragraphs: list = field(default_factory=list)
    credits: list = field(default_factory=list)  # bylines.Credit, printed order
    captions: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # what the editor should look at
    line: int = 0
    end_line: int = 0
    closed: bool = False  # ended by a byline, an end mark or a credit
    picture: bool = False  # picture news (图片新闻): its text is the caption

    @property
    def body_text(self):
        return "\n\n".join(self.paragraphs)

    @property
    def bylines(self):
        """[(kind, name)] in printed order, as the rest of the system reads them."""
        return [(bylines.Kind(c.kind), c.name) for c in self.credits]

    @property
    def image_caption(self):
        return "；".join(self.captions)

    def plain_text(self):
        """Headlines and body: what the checks and the linking read."""
        return article_text(
            kicker=self.kicker,
            title=self.title,
            subtitle=self.subtitle,
            paragraphs=self.paragraphs,
        )

    def raw_text(self):
        """Everything found, paragraph by paragraph: kept when fields cannot be."""
        credits = " ".join(f"{c.printed_role()} {c.name}" for c in self.credits)
        parts = [self.kicker, self.title, self.subtitle, self.source]
        parts += self.paragraphs + [f"（图片说明）{c}" for c in self.captions]
        return "\n\n".join(p for p in [*parts, credits] if p)


@dataclass
class Block:
    """Text the importer could not place in an article."""

    line: int
    end_line: int
    text: str
    reason: str


@dataclass
class Page:
    articles: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)  # Block
    furniture: list = field(default_factory=list)  # (line, kind, text)


def parse_page(text, roster=()):
    """Articles, unplaced blocks and furniture of one page of text."""
    found = relabel(find_captions(units(text, roster), roster))
    page = _Parser(found, roster).run()
    if len(page.articles) > MAX_ARTICLES:
        raise EditionError(
            f"这个文件分出了 {len(page.articles)} 篇稿件，一个版面不会有这么多"
            f"（最多 {MAX_ARTICLES} 篇）：请按版面分开导入。"
        )
    return page


class _Parser:
    def __init__(self, units, roster):
        self.units = units
        self.roster = roster
        self.page = Page()
        self.current = None
        self.loose = []  # body units no article can take
        self.floating = []  # (caption unit, article before it)
        self.after_subhead = False  # a subhead's line never runs on into the next

    def run(self):
        i = 0
        while i < len(self.units):
            i = self.step(i)
        self.finish_article()
        self.flush_loose()
        self.place_floating()
        return self.page

    def step(self, i):
        unit = self.units[i]
        if unit.kind == Kind.HEADLINE:
            return self.headline(i)
        if unit.kind in (Kind.BODY, Kind.SUBHEAD):
            self.body(unit)
        elif unit.kind == Kind.BYLINE:
            self.byline(unit)
        elif unit.kind == Kind.CREDIT:
            self.credit(unit)
        elif unit.kind == Kind.CAPTION:
            self.caption(unit)
        elif unit.kind in (Kind.END, Kind.JUMP):
            self.end_mark(unit)
        else:
            self.page.furniture.append((unit.line, unit.kind, unit.text))
        return i + 1

    # Headlines: a new article, or a subhead of the current one

    def headline(self, i):
        stack, j = [], i
        while (
            j < len(self.units)
            and self.units[j].kind == Kind.HEADLINE
            and len(stack) < HEADLINE_STACK_MAX
        ):
            stack.append(self.units[j])
            j += 1
        lead, k = [], j
        while k < len(self.units) and self.units[k].kind in LEAD_KINDS:
            lead.append(self.units[k])
            k += 1
        following = self.units[k] if k < len(self.units) else None
        has_body = following is not None and following.kind == Kind.BODY
        captions_only = not has_body and any(u.kind == Kind.CAPTION for u in lead)
        if not has_body and not captions_only:
            return self.stray_headlines(stack, j)
        decision = self.boundary(stack, lead, following if has_body else None)
        if decision == "subhead":
            for unit in stack:
                self.body(unit, subhead=True)
            note = "、".join(f"第 {u.line} 行“{u.text}”" for u in stack)
            self.current.notes.append(
                f"{note}按正文小标题处理；如果它是另一篇稿件的标题，请拆分。"
            )
            return j
        self.start_article(stack, uncertain=decision == "uncertain")
        for unit in lead:
            if unit.kind == Kind.BYLINE:
                self.add_credits(
                    bylines.parse(credit_text(unit.text), self.roster), unit
                )
            elif unit.kind == Kind.CAPTION:
                self.add_caption(unit, self.current)
            else:
                self.page.furniture.append((unit.line, unit.kind, unit.text))
        self.current.picture = captions_only or bool(PICTURE_LABEL.match(stack[0].text))
        return k

    def boundary(self, stack, lead, following):
        current = self.current
        if current is None or not current.paragraphs:
            return "certain"
        if following is None or any(u.kind == Kind.BYLINE for u in lead):
            return "certain"
        if openings.match(following.text) or bylines.split_head(following.text)[1]:
            return "certain"
        if PICTURE_LABEL.match(stack[0].text) or stack[0].text.startswith("【"):
            return "certain"  # a column label: 图片新闻, 【走基层】……
        if any(u.kind in (Kind.FURNITURE, Kind.CODE) for u in lead):
            return "certain"  # a meta line (原标题：, 发布时间：) sits under a headline
        if bylines.starts_with_role(following.text):
            # “本报记者 A 通讯员 B凌晨四点，……”: a byline run into the body.
            return "certain"
        if self.has_ended(current):
            return "certain"
        if len(stack) >= 2 or TIME_START.match(following.text):
            return "uncertain"
        return "subhead"

    def has_ended(self, article):
        if article.closed:
            return True
        last = article.paragraphs[-1] if article.paragraphs else ""
        return bool(END_MARK.search(last) or bylines.split_tail(last, self.roster)[1])

    def stray_headlines(self, stack, j):
        """Headline-shaped lines with no body after them."""
        if self.current is not None and not self.current.closed and j < len(self.units):
            for unit in stack:
                self.body(unit, subhead=True)
            return j
        for unit in stack:
            self.loose.append(unit)
        self.flush_loose("这几行像标题，但后面没有正文，无法确定属于哪篇稿件。")
        return j

    # Article parts

    def start_article(self, stack, uncertain=False):
        self.finish_article()
        self.flush_loose()
        fields = headline_fields([u.text for u in stack])
        article = ParsedArticle(
            kicker=fields.kicker, title=fields.title, subtitle=fields.subtitle
        )
        article.line = stack[0].line
        article.end_line = stack[-1].end
        if uncertain:
            article.notes.append(
                f"第 {article.line} 行起按新稿件拆分，但前一篇没有署名或结束标记，"
                "拆分是推断的：请核对这里是新稿件还是前一篇的小标题。"
            )
        if len(stack) > 3:
            article.notes.append(f"标题有 {len(stack)} 行，请核对引题、主题和副题。")
        self.current = article
        self.after_subhead = False
        self.page.articles.append(article)

    def body(self, unit, subhead=False):
        article = self.current
        if article is not None and article.paragraphs and openings.match(unit.text):
            # A second 电头 without a headline: another article, not more of this one.
            article.closed = True
        if article is None or (article.closed and not subhead):
            self.loose.append(unit)
            return
        self.flush_loose()
        text = unit.text
        if not article.paragraphs:
            text = self.opening(article, text)
            if not text:
                article.end_line = unit.end
                article.paragraphs.append("")
                return
        previous = article.paragraphs[-1] if article.paragraphs else None
        joins = (
            previous is not None
            and not subhead
            and unit.kind == Kind.BODY
            and (previous == "" or previous[-1] not in SENTENCE_END)
            and not self.after_subhead
        )
        if joins:
            article.paragraphs[-1] = previous + text
        else:
            article.paragraphs.append(text)
        self.after_subhead = subhead or unit.kind == Kind.SUBHEAD
        article.end_line = unit.end

    def opening(self, article, text):
        """Take the 电头 and an opening byline off the first paragraph."""
        found = openings.match(text)
        if found:
            article.source, text = found
        rest, parsed = bylines.split_head(text, self.roster)
        if parsed:
            self.add_credits(parsed, None)
            text = rest
        return text.strip()

    def byline(self, unit):
        parsed = bylines.parse(credit_text(unit.text), self.roster)
        article = self.current
        if article is None:
            self.loose.append(unit)
            return
        self.add_credits(parsed, unit)
        article.closed = True
        article.end_line = unit.end

    def credit(self, unit):
        if self.current is None:
            self.loose.append(unit)
            return
        self.current.paragraphs.append(unit.text)
        self.current.closed = True
        self.current.end_line = unit.end

    def end_mark(self, unit):
        if self.current is None:
            self.page.furniture.append((unit.line, unit.kind, unit.text))
            return
        if unit.kind == Kind.JUMP:
            self.current.notes.append(
                f"第 {unit.line} 行“{unit.text}”：稿件在其他版面继续，请补齐。"
            )
        self.current.closed = True
        self.current.end_line = unit.end

    def caption(self, unit):
        article = self.current
        if article is not None and not article.closed and article.paragraphs:
            self.add_caption(unit, article)
        else:
            self.floating.append((unit, article))

    def add_caption(self, unit, article):
        text, parsed = caption_parts(unit.text, self.roster)
        if text:
            article.captions.append(normalize_punctuation(text))
        if parsed:
            article.credits.extend(
                c for c in parsed.credits if c not in article.credits
            )

    def add_credits(self, parsed, unit):
        article = self.current
        for credit in parsed.credits:
            if credit not in article.credits:
                article.credits.append(credit)
        for run in parsed.unsplit:
            where = f"第 {unit.line} 行" if unit else "电头"
            article.notes.append(
                f"{where}署名中的“{run}”无法确定是几个人名，未建作者：请核对后手工添加署名。"
            )

    def finish_article(self):
        article = self.current
        if article is None:
            return
        paragraphs = [p for p in article.paragraphs if p]
        if paragraphs:
            last = paragraphs[-1]
            if END_MARK.search(last):
                last = END_MARK.sub("", last).rstrip()
                article.closed = True
            rest, parsed = bylines.split_tail(last, self.roster)
            if parsed:
                self.add_credits(parsed, None)
                last = rest
            paragraphs[-1] = last
        article.paragraphs = [normalize_punctuation(p) for p in paragraphs if p]
        if (
            article.picture
            and not article.source
            and len(article.paragraphs) <= 2
            and all(len(p) <= CAPTION_MAX * 2 for p in article.paragraphs)
        ):
            article.captions += article.paragraphs
            article.paragraphs = []
        if article.picture and article.captions and not article.paragraphs:
            article.notes.append("图片新闻：文字已作为图片说明导入，请上传图片。")
        elif not article.paragraphs:
            article.notes.append("没有找到正文。")
        self.current = None

    # Text that belongs nowhere, and captions between two articles

    def flush_loose(self, reason=None):
        if not self.loose:
            return
        first, last = self.loose[0], self.loose[-1]
        self.page.unplaced.append(
            Block(
                first.line,
                last.end,
                "\n\n".join(u.text for u in self.loose),
                reason or "这段文字前面没有标题，无法确定属于哪篇稿件。",
            )
        )
        self.loose = []

    def place_floating(self):
        articles = self.page.articles
        for unit, before in self.floating:
            after_index = articles.index(before) + 1 if before in articles else 0
            after = articles[after_index] if after_index < len(articles) else None
            candidates = [a for a in (before, after) if a is not None]
            if not candidates:
                self.page.unplaced.append(
                    Block(unit.line, unit.end, unit.text, "图片说明不属于任何稿件。")
                )
                continue
            best = max(candidates, key=lambda a: overlap(unit.text, a.plain_text()))
            self.add_caption(unit, best)


def caption_parts(text, roster=()):
    """(caption without its photo credit, Parsed credits or None).

    The credit is the longest tail after a space or a sentence's end that reads as
    a credit: “……运行 记者 杨帆 摄”, “……。（A 摄）”.
    """
    text = CAPTION_LABEL.sub("", text).strip()
    if not CAPTION_CREDIT.search(text[-CREDIT_REACH:]):
        return text, None
    # A credit is short: look for its start among the last characters only.
    for start in range(max(1, len(text) - CREDIT_REACH), len(text)):
        if text[start - 1] not in " \u3000。！？；”）)" and text[start] not in "（(":
            continue
        tail = text[start:].strip()
        if not tail.rstrip("）)").endswith(("摄", "摄影")):
            continue
        parsed = bylines.parse(credit_text(tail), roster)
        if parsed and parsed.credits:
            for item in parsed.credits:
                item.kind = bylines.Kind.PHOTOGRAPHER
                item.label = ""
            return text[:start].rstrip(), parsed
    return text, None


def overlap(a, b):
    """How many two-character words two texts share (for placing captions)."""
    pairs = {a[i : i + 2] for i in range(len(a) - 1)}
    return sum(1 for pair in pairs if pair in b)

"""A page of text → articles, with everything else on the page accounted for.

The page is cut into units (a paragraph, a headline line, a byline …, see
``lines``). An article starts at a stack of headline lines (引题/主题/副题) followed
by body text. Whether a headline-shaped line in the middle of a story starts a new
article or is a subhead is decided from its neighbours:

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

from . import bylines, openings
from .lines import SENTENCE_END, Kind, classify, clean
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
# What may stand between a headline and its body: a byline, a caption, a meta line
# (发布时间：… 来源：…), a story code.
LEAD_KINDS = (Kind.BYLINE, Kind.CAPTION, Kind.FURNITURE, Kind.CODE)


@dataclass
class Unit:
    kind: Kind
    text: str
    line: int
    end: int


@dataclass
class ParsedArticle:
    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    source: str = ""
    paragraphs: list = field(default_factory=list)
    credits: list = field(default_factory=list)  # bylines.Credit, printed order
    captions: list = field(default_factory=list)
    collective: list = field(default_factory=list)  # 综合报道 and the like
    notes: list = field(default_factory=list)  # what the editor should look at
    uncertain: bool = False  # the split before this article is a guess
    line: int = 0
    end_line: int = 0
    closed: bool = False  # ended by a byline, an end mark or a credit

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
        return "\n".join(
            [p for p in (self.kicker, self.title, self.subtitle) if p] + self.paragraphs
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


def units(text, roster=()):
    """The page's lines as units.

    Where paragraphs are separated by blank lines (most exports), the lines of one
    block are one paragraph, hard-wrapped; where every line is a paragraph (copy
    from a web page or a Word file), lines are only joined mid-sentence.
    """
    raw = text.split("\n")
    filled = [bool(clean(line)) for line in raw]
    separated = sum(
        1 for i, full in enumerate(filled[:-1]) if full and not filled[i + 1]
    )
    blank_layout = separated >= 0.3 * max(1, sum(filled))
    result = []
    block_start = True
    for number, line in enumerate(raw, start=1):
        stripped = clean(line)
        if not stripped:
            block_start = True
            continue
        kind = classify(stripped, roster)
        previous = result[-1] if result else None
        if (
            previous is not None
            and not block_start
            and previous.kind == Kind.BODY
            and kind in (Kind.BODY, Kind.HEADLINE)
            and (blank_layout or previous.text[-1] not in SENTENCE_END)
            and not (_indented(line) and not blank_layout)
        ):
            # A paragraph hard-wrapped over several lines.
            previous.text += stripped
            previous.end = number
        else:
            result.append(Unit(kind, stripped, number, number))
        block_start = False
    return result


def _indented(line):
    return line.startswith(("\u3000", "  ", "\t"))


def parse_page(text, roster=()):
    return _Parser(units(text, roster), roster).run()


class _Parser:
    def __init__(self, units, roster):
        self.units = units
        self.roster = roster
        self.page = Page()
        self.current = None
        self.loose = []  # body units no article can take
        self.floating = []  # (caption unit, article before it)

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
                self.add_credits(bylines.parse(unit.text, self.roster), unit)
            elif unit.kind == Kind.CAPTION:
                self.add_caption(unit, self.current)
            else:
                self.page.furniture.append((unit.line, unit.kind, unit.text))
        if captions_only:
            # A picture story: the caption is all the text there is.
            self.current.paragraphs = list(self.current.captions)
        return k

    def boundary(self, stack, lead, following):
        current = self.current
        if current is None or not current.paragraphs:
            return "certain"
        if following is None or any(u.kind == Kind.BYLINE for u in lead):
            return "certain"
        if openings.match(following.text) or bylines.split_head(following.text)[1]:
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
        article = headline_fields([u.text for u in stack])
        article.line = stack[0].line
        article.end_line = stack[-1].end
        article.uncertain = uncertain
        if uncertain:
            article.notes.append(
                f"第 {article.line} 行起按新稿件拆分，但前一篇没有署名或结束标记，"
                "拆分是推断的：请核对这里是新稿件还是前一篇的小标题。"
            )
        if len(stack) > 3:
            article.notes.append(f"标题有 {len(stack)} 行，请核对引题、主题和副题。")
        self.current = article
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
            and not getattr(self, "_after_subhead", False)
        )
        if joins:
            article.paragraphs[-1] = previous + text
        else:
            article.paragraphs.append(text)
        self._after_subhead = subhead or unit.kind == Kind.SUBHEAD
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
        parsed = bylines.parse(unit.text, self.roster)
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
        self.current.collective.append(unit.text)
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
        if not article.paragraphs:
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


def headline_fields(lines):
    """A headline stack → kicker, title and subtitle."""
    lines = [normalize_punctuation(line.lstrip("■◆●□◎★☆").strip()) for line in lines]
    kicker = ""
    bracket = re.match(r"^【(?P<kicker>[^】]{1,20})】\s*(?P<rest>.+)$", lines[0])
    if bracket:
        kicker, lines[0] = bracket.group("kicker"), bracket.group("rest")
    if len(lines) == 1:
        line = lines[0]
        for separator in ("——", "—— ", " "):
            title, _, subtitle = line.partition(separator)
            if subtitle and len(title) >= 4:
                return ParsedArticle(
                    kicker=kicker, title=title.strip(), subtitle=subtitle.strip("— ")
                )
        return ParsedArticle(kicker=kicker, title=line)
    if len(lines) == 2 and not kicker:
        first, second = lines
        if first.endswith(("：", ":", "——")):
            return ParsedArticle(kicker=first.rstrip("：:—"), title=second)
        return ParsedArticle(title=first, subtitle=second.lstrip("—").strip())
    if kicker:
        return ParsedArticle(
            kicker=kicker,
            title=lines[0],
            subtitle=" ".join(line.lstrip("—").strip() for line in lines[1:]),
        )
    return ParsedArticle(
        kicker=lines[0],
        title=lines[1],
        subtitle=" ".join(line.lstrip("—").strip() for line in lines[2:]),
    )


def caption_parts(text, roster=()):
    """(caption without its photo credit, Parsed credits or None)."""
    text = CAPTION_LABEL.sub("", text).strip()
    match = CAPTION_CREDIT.search(text)
    if match:
        credit = match.group("credit") or match.group("paren")
        parsed = bylines.parse(credit, roster)
        if parsed:
            for item in parsed.credits:
                item.kind = bylines.Kind.PHOTOGRAPHER
            return text[: match.start()].rstrip(), parsed
    return text, None


def overlap(a, b):
    """How many two-character words two texts share (for placing captions)."""
    pairs = {a[i : i + 2] for i in range(len(a) - 1)}
    return sum(1 for pair in pairs if pair in b)

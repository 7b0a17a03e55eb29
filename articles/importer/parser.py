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
from .lines import (
    LIST_LABEL,
    MASTHEAD,
    PICTURE_LABEL,
    SENTENCE_END,
    Kind,
    classify,
    clean,
    credit_text,
    is_photo_credit,
)
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
SPEECH_VERBS = ("强调", "指出", "表示", "要求", "提出", "寄语", "希望")
# A line saying what happened (……会议召开) is the title, also under a kicker.
EVENT_VERBS = (
    "召开",
    "举行",
    "举办",
    "开幕",
    "闭幕",
    "启动",
    "成立",
    "揭牌",
    "开工",
    "落幕",
)
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
    """The page's lines as units, the lines of one paragraph joined.

    Lines with no blank line between them are one paragraph when the first stops
    mid-sentence (a hard wrap); where the copy indents paragraphs (　　), a line
    that is not indented continues the one before and an indented one starts a
    new paragraph. A line that ends a sentence ends its paragraph otherwise.
    """
    raw = text.split("\n")
    blocks, block = [], []
    for number, line in enumerate(raw, start=1):
        if clean(line):
            block.append((number, line))
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    result = []
    for block in blocks:
        indents = any(_indented(line) for _, line in block)
        previous = None
        for number, line in block:
            stripped = clean(line)
            kind = classify(stripped, roster)
            if indents and _indented(line) and kind == Kind.HEADLINE:
                kind = Kind.BODY  # where paragraphs are indented, headlines are not
            if (
                previous is not None
                and previous.kind == Kind.BODY
                and kind in (Kind.BODY, Kind.HEADLINE)
                and (
                    previous.text[-1] not in SENTENCE_END
                    or (indents and not _indented(line) and kind == Kind.BODY)
                )
                and not (indents and _indented(line))
            ):
                previous.text += stripped
                previous.end = number
                continue
            previous = Unit(kind, stripped, number, number)
            result.append(previous)
    return result


def _indented(line):
    return line.startswith(("\u3000", "  ", "\t"))


def parse_page(text, roster=()):
    found = relabel(find_captions(units(text, roster), roster))
    return _Parser(found, roster).run()


def relabel(units):
    """Kinds that only the neighbours tell: a paper's name over its page header is
    furniture; a column tag (【民生】) over a headline is that headline's kicker;
    the headlines listed under 往期推荐 are other articles', not this page's."""
    listing = False
    for n, unit in enumerate(units):
        if listing and unit.kind == Kind.HEADLINE:
            unit.kind = Kind.FURNITURE
            continue
        listing = bool(LIST_LABEL.match(unit.text))
        after = units[n + 1] if n + 1 < len(units) else None
        before = units[n - 1] if n else None
        if (
            unit.kind == Kind.HEADLINE
            and MASTHEAD.match(unit.text)
            and any(u is not None and u.kind == Kind.FURNITURE for u in (before, after))
        ):
            unit.kind = Kind.FURNITURE
        elif (
            unit.kind == Kind.SUBHEAD
            and re.fullmatch(r"【[^】]{1,12}】", unit.text)
            and after is not None
            and after.kind == Kind.HEADLINE
        ):
            unit.kind = Kind.HEADLINE
    return units


CAPTION_MAX = 120


def find_captions(units, roster=()):
    """Captions that carry no mark of their own, found from the photo credit after them.

    - between a headline and its body: the lines before a credit line (“记者 A 摄”)
      that is followed by the body — the headline being the first lines, or above
      a meta line;
    - inside a story: one headline-shaped line followed by a credit and more body;
    - any line followed by a numbered credit (“③2 周健 摄”).
    The credit is joined to the last caption, where ``caption_parts`` finds it.
    """
    result = list(units)
    i = 0
    while i < len(result):
        unit = result[i]
        after = result[i + 1] if i + 1 < len(result) else None
        if unit.kind != Kind.BYLINE or not is_photo_credit(unit.text, roster):
            i += 1
            continue
        chain = _caption_chain(result, i, unit, after)
        if chain:
            last = result[chain[-1]]
            last.text = f"{last.text} {credit_text(unit.text)}"
            for index in chain:
                result[index].kind = Kind.CAPTION
            del result[i]
            continue
        i += 1
    return result


def _caption_chain(units, i, credit, after):
    previous = units[i - 1] if i else None
    if previous is None or len(previous.text) > CAPTION_MAX:
        return []
    if credit.text != credit_text(credit.text):  # a numbered photo credit
        return [i - 1] if previous.kind in (Kind.BODY, Kind.HEADLINE) else []
    if after is None or after.kind != Kind.BODY:
        return []
    chain, j, seen_headline = [], i - 1, False
    while j >= 0 and len(chain) < 4:
        unit = units[j]
        if unit.kind not in (Kind.BODY, Kind.HEADLINE) or len(unit.text) > CAPTION_MAX:
            break
        if unit.kind == Kind.BODY and seen_headline:
            break  # the end of the story before
        seen_headline = seen_headline or unit.kind == Kind.HEADLINE
        chain.insert(0, j)
        j -= 1
    before = units[j] if j >= 0 else None
    if before is not None and before.kind in (Kind.FURNITURE, Kind.CODE):
        # Above a meta line sits the headline: everything below it is caption.
        k = j
        while k >= 0 and units[k].kind in (Kind.FURNITURE, Kind.CODE):
            k -= 1
        return chain if k >= 0 and units[k].kind == Kind.HEADLINE else []
    kinds = [units[c].kind for c in chain]
    if Kind.HEADLINE in kinds and kinds[0] == Kind.HEADLINE:
        # The first headline lines are the title; what follows them is caption.
        titles = 0
        while titles < len(kinds) and kinds[titles] == Kind.HEADLINE:
            titles += 1
        if titles < len(kinds):
            # Headline lines, then caption sentences: the photo's captions start
            # after the first headline line (a caption names what the title says).
            return chain[1:] if titles > 1 else chain[titles:]
        if before is not None and before.kind == Kind.BODY and len(chain) == 1:
            return chain  # a headline-shaped line inside a story, with a credit
    return []


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


def headline_fields(lines):
    """A headline stack → kicker, title and subtitle."""
    lines = [normalize_punctuation(line.lstrip("■◆●□◎★☆").strip()) for line in lines]
    # A headline printed twice (page title and heading of a web page) counts once.
    lines = [line for n, line in enumerate(lines) if not n or line != lines[n - 1]]
    kicker = ""
    if len(lines) > 1 and (
        PICTURE_LABEL.match(lines[0]) or re.fullmatch(r"【[^】]+】", lines[0])
    ):
        kicker = lines.pop(0).strip("【】[]|｜ ")
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
        if (
            first.endswith(SPEECH_VERBS)
            or (second.endswith(EVENT_VERBS) and not first.endswith(EVENT_VERBS))
            or (len(first) <= 4 and len(second) >= 2 * len(first) + 2)
        ):
            # 引题: “A在……会议上强调” over the quoted line, or a short place name.
            return ParsedArticle(kicker=first, title=second)
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
    """(caption without its photo credit, Parsed credits or None).

    The credit is the longest tail after a space or a sentence's end that reads as
    a credit: “……运行 记者 杨帆 摄”, “……。（A 摄）”.
    """
    text = CAPTION_LABEL.sub("", text).strip()
    if not CAPTION_CREDIT.search(text):
        return text, None
    for start in range(1, len(text)):
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

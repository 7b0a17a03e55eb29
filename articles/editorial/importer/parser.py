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

from . import bylines, openings
from .assembly import END_MARK, Assembly
from .formats import EditionError
from .headlines import headline_fields
from .layout import find_captions, relabel, units
from .lines import PICTURE_LABEL, Kind, credit_text
from .results import Page, ParsedArticle

TIME_START = re.compile(
    r"^(?:[0-9０-９]{1,4}年)?[0-9０-９]{1,2}月[0-9０-９]{1,2}[日号]"
    r"|^(?:近日|日前|近期|连日来|今年以来|昨天|昨日|今天|今日|当天|近年来|本周|上周|此前)"
)
HEADLINE_STACK_MAX = 4
MAX_ARTICLES = 200  # a printed page holds a few dozen at most
# What may stand between a headline and its body: a byline, a caption, a meta line
# (发布时间：… 来源：…), a story code.
LEAD_KINDS = (Kind.BYLINE, Kind.CAPTION, Kind.FURNITURE, Kind.CODE)


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


class _Parser(Assembly):
    """Walks the units: headlines start articles (or are subheads); the rest is
    handed to ``Assembly`` to fill the current article."""

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

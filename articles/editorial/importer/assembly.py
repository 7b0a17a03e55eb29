"""Filling the article being read: its body (电头 and opening byline taken off),
bylines, credits, captions and end marks, finishing it, and the text that belongs
to none. Mixed into the parser, whose state (``current``, ``page``, ``loose``,
``floating``, ``roster``) it works on."""

import re

from . import bylines, openings
from .layout import CAPTION_MAX
from .lines import SENTENCE_END, Kind, credit_text
from .names import HAN
from .punctuation import normalize_punctuation
from .results import Block

CAPTION_LABEL = re.compile(r"^(?:图片说明|图说|图注|说明)[:：]\s*|^[▲△↑↓←→◀▶]\s*")
CAPTION_CREDIT = re.compile(
    rf"[ \u3000]*(?P<credit>(?:(?:{bylines.ROLE})[ \u3000]*)?[{HAN}·]{{1,8}}"
    rf"(?:[ \u3000][{HAN}·]{{1,8}})*[ \u3000]*[/／]?(?:摄影|摄))$"
    rf"|[ \u3000]*[（(](?P<paren>[^（）()]{{2,30}}(?:摄影|摄))[）)]$"
)
END_MARK = re.compile(r"[（(]\s*(?:完|全文完)\s*[）)]$")
CREDIT_REACH = 40  # how far from the end of a caption its photo credit may start


class Assembly:
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

"""What each line of a page is, before articles are put together.

A page holds more than headlines and paragraphs: page headers (第2版：要闻), desk
credits (责任编辑：A), story codes (XW-1124-03), photo captions (图为…… 记者 A 摄),
bylines, end marks ((完)), continuation notes ((下转第2版)) and in-body subheads
(一、…). ``classify`` names the kind of one line from its own shape; the parser
decides from the neighbours what a headline-shaped line really is.
"""

import re
from enum import StrEnum

from . import bylines
from .names import HAN
from .openings import OPENING


class Kind(StrEnum):
    BODY = "body"
    HEADLINE = "headline"  # shaped like a headline: short, no sentence inside
    SUBHEAD = "subhead"  # 一、…, （二）…, 【…】 inside a body
    BYLINE = "byline"
    CREDIT = "credit"  # a collective credit naming nobody: 综合报道
    CAPTION = "caption"
    FURNITURE = "furniture"  # page header, desk credits, navigation, notices
    CODE = "code"  # story codes and slugs
    END = "end"  # (完), —— 完 ——
    JUMP = "jump"  # (下转第2版), (上接第1版)


SENTENCE_END = "。！？!?…”’」』）)；;：:."
# A headline never ends like a clause; it may end with ！ or ？ when it is short.
CLAUSE_END = "。；;：:，,、….．"
HEADLINE_MAX = 64

FURNITURE = re.compile(
    r"^(?:第\s*[0-9０-９A-Za-z]{1,4}\s*版|[A-Z]?[0-9]{1,2}\s*版|[A-Z][0-9]{1,2}\s*[:：])"
    r"|^(?:本期共|当前版|当前位置|上一篇|下一篇|上一版|下一版|返回目录|返回|【返回】|放大|字体|"
    r"朗读|语音阅读|发布时间|发表时间|发布日期|刊发日期|阅读次数|浏览量|浏览|点击|"
    r"分享到|扫一扫|扫码|免责声明|声明[:：]|版权所有|未经授权|本文链接|原标题|"
    r"统一刊号|国内统一|邮发代号|总第\s*[0-9]+\s*期|第\s*[0-9]+\s*期|"
    r"【打印本页】|打印本页|打印|关闭窗口|【关闭窗口】|【打印】|【关闭】|收藏本页|本站原创|转载请)"
    r"|^\S{1,80}\.(?:jpe?g|png|gif|webp|bmp)$"
    r"|^[【\[]?(?:未经授权|版权声明|免责声明)"
    r"|^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*农历\S*)?\s*$"
    r"|^(?:星期|周)[一二三四五六日天]\s*$"
)
# Notices of web pages and apps, sentences though they are.
NOTICE = re.compile(
    r"^[【\[（(]?\s*(?:本站原创|本文为|转载请|未经授权|免责声明|版权所有|版权声明|"
    r"声明[:：]|本文来源|如有侵权)"
)
# Words that open navigation lines but also sentences (返回家乡……, 点击量……): on a
# line longer than a button they only count followed by a colon or a space.
FURNITURE_WORD = (
    r"(?:返回|放大|字体|朗读|浏览|点击|扫码|打印|原标题|第\s*[0-9]+\s*期)"
    r"(?![:：\s|｜“\"「【])"
)
# Desk credits: 责任编辑、审核、校对 … with a colon, slash or pipe; several per line.
DESK_ROLES = (
    r"(?:本版责任编辑|本版责编|责任编辑|责编|本版编辑|编辑|美编|版式|版式设计|校对|文检|审核人?|审稿人?|"
    r"审校|编审|编校|初审|复审|终审|一审|二审|三审|监制|总监制|出品人?|策划|"
    r"总策划|统筹|值班编委|值班|组版|排版|制图|设计|视觉|制作|主编|总编)"
)
DESK = re.compile(
    rf"^[（(]?\s*(?:{DESK_ROLES}(?:[/／]{DESK_ROLES})*)\s*[:：/／|丨]"
    rf"|^[（(]?\s*(?:{DESK_ROLES})\s+[{HAN}]{{2,4}}\s*[）)]?\s*$"
)
# A story code has digits and letters, or separators: QF-0508-02, XW0023 — not
# APEC, 5G or 3.5, which are words of the copy.
CODE = re.compile(
    r"^(?=[A-Z0-9\-_/.#:]*[-_/#])[A-Z0-9][A-Z0-9\-_/.#:]{3,40}$"
    r"|^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{5,20}$"
)
END = re.compile(
    r"^[（(【\[]?\s*[-—－]*\s*(?:完|全文完|本文完|结束|END)\s*[-—－]*\s*[）)】\]]?$"
    r"|^\s*(?:-->|<!--)?.*enpproperty"  # Founder's e-paper trailer after an article
    r"|^\s*(?:-->|<!--)\s*$"
)
JUMP = re.compile(
    r"^[（(【\[]?\s*(?:下转|上接|转|接)\s*(?:第?\s*[0-9０-９A-Za-z一二三四五六七八九十]{1,4}\s*版)"
    r"[^）)】\]]{0,12}[）)】\]]?$"
)
SUBHEAD = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|"
    r"[0-9]{1,2}[、．]|[①-⑳]|[◆●■▲★☆◇◎]|【[^】]{1,30}】\s*$|第[一二三四五六七八九十]{1,3}[章节部分篇](?:[：:\s]|$))"
)
# A page header however it is laid out: a date with a weekday or a page number,
# the paper's name before it (松溪报 2025年5月14日 星期三 第3版：综合).
HEADER = re.compile(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r".{0,30}(?:星期[一二三四五六日天]|第\s*[0-9A-Z]{1,4}\s*版|出版)"
    r"|(?:星期[一二三四五六日天]|第\s*[0-9A-Z]{1,4}\s*版)"
    r".{0,30}(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"|^[^|｜]{2,12}\s*[|｜]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$"
    r"|\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]"
    r"|^[^|｜]{2,16}\s*[|｜]\s*\d{1,2}月\d{1,2}日$"
)
# “往期推荐”, “相关阅读”: the headlines listed after it are other articles'.
LIST_LABEL = re.compile(
    r"^[【\[]?(?:往期推荐|往期回顾|相关阅读|推荐阅读|延伸阅读|相关新闻|热点推荐|相关链接)"
)
# A list of headlines (导读, 本版导航): “·新闻小记者走进……”.
NAV_ITEM = re.compile(r"^[·•]\s*\S")
MASTHEAD = re.compile(
    r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|报|融媒|新闻网|数字报|电子报)$"
)
# Column labels of picture news: a kicker, and a sure start of a new item.
PICTURE_LABEL = re.compile(
    r"^[【\[|｜]?\s*(?:图片新闻|图片报道|图说新闻|新闻图片|摄影报道|组图|图说|视觉)\s*[】\]|｜]?$"
)
# A photo's number before its credit: “③2 周健 摄”, “图① 记者 A 摄”.
PHOTO_CODE = re.compile(r"^(?:[①-⑳]|图[0-9一二三四五六①-⑩])[0-9]*[ \u3000]*")
# Breadcrumbs of a web page: 河湾新闻网 > 时政要闻 > 正文.
BREADCRUMB = re.compile(
    r"^[^>＞»<。，,]{1,12}(?:\s*[>＞»]\s*[^>＞»<。，,]{1,12}){2,5}$"
)
# A caption: 图为……, 图片说明：……, ▲……, ending with a photo credit, or (右图).
CAPTION_START = re.compile(
    r"^(?:图片说明|图说|图注|图片新闻|说明)[:：]"
    r"|^[▲△↑↓←→◀▶]"
    r"|^(?:图[0-9一二三四五六①-⑩]?[为：:]|上图|下图|左图|右图|图①|图②|组图)"
)
PHOTO_CREDIT = re.compile(
    rf"(?:(?:{bylines.ROLE})[ \u3000]*)?[{HAN}·]{{2,8}}(?:[ \u3000][{HAN}]{{1,4}})*"
    r"[ \u3000]*[/／]?(?:摄影?|供图)$"
    rf"|[（(][^（）()文]{{0,30}}(?:摄影?|供图|资料图片?|图片来源[^）)]*)[）)]$"
    r"|[（(](?:[左右上下]图|如图|资料图片?|无人机照片)[）)]$"
    r"|^(?:资料图片?|图片来源[:：].*)$"
)


def clean(line):
    return line.replace("\u3000", " ").strip()


def classify(text, roster=()):
    """The kind of one stripped line of text."""
    if not text:
        return Kind.FURNITURE
    if END.match(text):
        return Kind.END
    if JUMP.match(text):
        return Kind.JUMP
    if CODE.match(text) and not re.fullmatch(r"[0-9]+", text):
        return Kind.CODE
    if is_furniture(text) and not bylines.parse(credit_text(text), roster):
        return Kind.FURNITURE
    if PICTURE_LABEL.match(text):
        return Kind.HEADLINE
    if len(text) <= 80:
        if bylines.is_collective(text):
            return Kind.CREDIT
        if bylines.parse(credit_text(text), roster):
            return Kind.BYLINE
    if CAPTION_START.match(text) or (
        len(text) <= 200 and PHOTO_CREDIT.search(text) and not _opens(text)
    ):
        return Kind.CAPTION
    if _opens(text):
        return Kind.BODY
    if SUBHEAD.match(text) and len(text) <= 40 and "。" not in text[:-1]:
        # A marked line (■……) may head a brief as well as a section: the parser
        # decides from what is around it. A numbered one is a section.
        if text[0] in "◆●■▲★☆◇◎" and looks_like_headline(text[1:].strip() or text):
            return Kind.HEADLINE
        return Kind.SUBHEAD
    if looks_like_headline(text):
        return Kind.HEADLINE
    return Kind.BODY


def looks_like_headline(text):
    if len(text) > HEADLINE_MAX or text[-1] in CLAUSE_END:
        return False
    inner = text[:-1]
    if any(mark in inner for mark in "。；;"):
        return False
    if text[-1] in "！？!?" and (len(text) > 30 or any(m in inner for m in "！？!?")):
        return False
    return True


def _opens(text):
    return bool(OPENING.match(text))


def is_furniture(text):
    """Page headers, navigation, desk credits and notices.

    They are short and never a sentence: a line that ends like one (返回家乡创业的
    大学生越来越多……。, 设计：全区共设计了……。) is copy, whatever it starts with.
    """
    if HEADER.search(text) and len(text) <= 60:
        return True
    if NOTICE.match(text):
        return True
    if text[-1] in "。！？；…" or len(text) > 60:
        return False
    if FURNITURE.match(text) and (
        len(text) <= 6 or re.match(rf"^{FURNITURE_WORD}", text) is None
    ):
        return True
    return bool(
        DESK.match(text)
        or BREADCRUMB.match(text)
        or NAV_ITEM.match(text)
        or LIST_LABEL.match(text)
        or re.match(r"^[（(]?(?:来源|稿件来源|信息来源|作者)\s*[:：|｜]", text)
    )


def credit_text(text):
    """A credit line without the photo number before it (③2 周健 摄 → 周健 摄)."""
    return PHOTO_CODE.sub("", text) if PHOTO_CODE.match(text) else text


def is_photo_credit(text, roster=()):
    """A line that only credits photographers: “记者 A 摄”, “（A 摄）”, “③2 A 摄”."""
    parsed = bylines.parse(credit_text(text), roster)
    return bool(parsed and parsed.credits) and all(
        c.kind == bylines.Kind.PHOTOGRAPHER for c in parsed.credits
    )

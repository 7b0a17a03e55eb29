"""Bylines as papers print them.

A byline is a run of role groups — a role word and the names after it — with an
optional marker before (□ ■ ◎) and a suffix after (摄, 报道, 文/图):

    记者 景静 通讯员 孙扩龙          本报讯（记者A 通讯员B C）
    ■本报记者 A                     区融媒体中心记者 A B 报道
    文/图 A                         记者 A 摄
    （A）  （A B）  （A、B）         ……建设。记者 A

Roles are matched by what they end in (记者, 通讯员, 实习生, 摄影 …), so an outlet
before the role (郑州日报记者, 区融媒体中心记者, 中青报·中青网记者) is kept as the
printed label. ``parse`` returns the names found and the runs it could not split.
"""

import re
from dataclasses import dataclass, field

from people.models import Reporter

from .names import HAN, MINORITY_NAME, is_name, join_padded, split_run

Kind = Reporter.Kind

MARKERS = "□■◎●○◆◇★☆▲△▼"
MAX_NAMES = 12  # more than this after one role is a list, not a byline
# An outlet before a role: 郑州日报, 区融媒体中心, 中青报·中青网, 本报, 新华社.
_OUTLET = (
    rf"(?:[{HAN}·]{{0,12}}?(?:融媒体中心|融媒|日报|晚报|报社|报|电视台|广播电视台|"
    rf"新闻网|新闻中心|网|台|社|客户端)|本报|本台|本网|本刊)"
)
_QUALIFIER = (
    r"(?:首席|资深|见习|实习|特约|驻站|驻[\u4e00-\u9fff]{1,4})?(?:全媒体|融媒体|融媒)?"
)
_ROLE_CORE = r"(?:摄影记者|摄像记者|记者|通讯员)"
ROLE = (
    rf"(?:{_OUTLET}?{_QUALIFIER}{_ROLE_CORE}"
    r"|实习生|摄影|摄像|文[/／]图|图[/／]文|文图|图文|文字|图片|撰稿人?|作者(?=[:：])"
    r"|文(?=[/／:：])|图(?=[/／:：]))"
)
# Words after the names: “记者 A 摄”, “A 报道”, “A 文/图”, “A/摄”.
SUFFIX = r"(?:[/／]?(?:摄影报道|摄影|摄|报道|供图|文[/／]图|采写|整理)|[/／]文|[/／]图)"
SEPARATORS = r"[ \u3000、，,;；]+"
NAME_CHARS = rf"[{HAN}·]"
_NAMES = rf"{NAME_CHARS}+(?:{SEPARATORS}{NAME_CHARS}+)*"
_NAME_CHAR = rf"(?!{ROLE}|{SUFFIX}(?:[ \u3000]|$)){NAME_CHARS}"
GROUP = re.compile(
    rf"(?P<role>{ROLE})[ \u3000]*[:：/／|]?[ \u3000]*"
    rf"(?P<names>(?:{_NAME_CHAR}|{SEPARATORS}(?!{ROLE}))+)"
    rf"(?P<suffix>[ \u3000]*{SUFFIX}(?=[ \u3000]*$|[ \u3000]+(?:{ROLE})))?"
)
# Credits that name nobody: 综合报道, （综合）, 据新华社报道, 本报综合.
COLLECTIVE = re.compile(
    r"^[（(]?(?:本报|本台|本网)?(?:综合|编译|综述)(?:报道|整理)?[）)]?$"
    rf"|^[（(]?据[{HAN}·、]{{2,30}}(?:报道|消息|电)[）)]?$"
    r"|^[（(][^（）()]{2,40}(?:联合报道|报道组|通讯组|供稿)[）)]$"
)


def kind_of(role):
    """The reporter kind a printed role stands for (首席记者 → 记者)."""
    if role.endswith(("摄影记者", "摄像记者")) or role in ("摄影", "摄像", "图片"):
        return Kind.PHOTOGRAPHER
    if role.startswith("图") and not role.startswith("图/文") and len(role) <= 2:
        return Kind.PHOTOGRAPHER
    if role.endswith("通讯员"):
        return Kind.CORRESPONDENT
    if role == "实习生" or role.endswith("实习记者"):
        return Kind.INTERN
    return Kind.REPORTER


def default_label(kind):
    return Kind(kind).label


@dataclass
class Credit:
    kind: str
    name: str
    label: str = ""  # the role as printed, when it is not the kind's own word

    def printed_role(self):
        return self.label or Kind(self.kind).label

    def as_tuple(self):
        """(kind as a word, name, printed role if it differs): how tests read it."""
        return (Kind(self.kind).label, self.name, self.label)


@dataclass
class Parsed:
    credits: list = field(default_factory=list)
    unsplit: list = field(default_factory=list)  # runs of names we could not split

    def __bool__(self):
        return bool(self.credits or self.unsplit)


def _names(text, roster, strict):
    """Names in the text after a role; (names, runs that could not be split)."""
    tokens = [t for t in re.split(SEPARATORS, text) if t]
    tokens = join_padded(tokens)
    if len(tokens) > MAX_NAMES:
        return None  # a list of a hundred “names” is not a byline
    names, unsplit = [], []
    for token in tokens:
        if len(token) == 1:
            return None
        if MINORITY_NAME.fullmatch(token):
            names.append(token)  # 买买提·艾力
            continue
        if not strict and len(token) <= 3 and "·" not in token:
            if not is_name(token, roster):
                return None  # 记者手记: a word after a role word, not a name
            names.append(token)
            continue
        split = split_run(token, roster)
        if split is None:
            if not strict and len(token) <= 6 and re.fullmatch(rf"[{HAN}]+", token):
                unsplit.append(token)
                continue
            return None
        names.extend(split)
    return names, unsplit


def _label(role, kind):
    """The printed role when it says more than the kind (首席记者, 文/图), else ""."""
    role = role.replace("／", "/")
    plain = (default_label(kind), "文", "图", "文字", "图片", "作者")
    return "" if role in plain else role


def parse_groups(text, roster=()):
    """Role groups covering all of ``text`` (markers and spaces aside), or None."""
    text = text.strip().lstrip(MARKERS).strip()
    if not text:
        return None
    parsed, position = Parsed(), 0
    for match in GROUP.finditer(text):
        if text[position : match.start()].strip():
            return None
        position = match.end()
        found = _names(match.group("names"), roster, strict=False)
        if found is None:
            return None
        names, unsplit = found
        kind = kind_of(match.group("role"))
        suffix = (match.group("suffix") or "").strip(" \u3000/／")
        if suffix.startswith("摄") or suffix in ("图", "供图"):
            kind = Kind.PHOTOGRAPHER
        # “通讯员 A 摄” credits a photo: A is the photographer, as 摄影.
        label = "" if kind == Kind.PHOTOGRAPHER else _label(match.group("role"), kind)
        parsed.credits.extend(Credit(kind, name, label) for name in names)
        parsed.unsplit.extend(unsplit)
    if position == 0 or text[position:].strip():
        return None
    return parsed


# Names with a suffix but no role: “A 摄”, “A/摄”, “A B 文/图”, “A 报道”.
SUFFIXED = re.compile(rf"^(?P<names>{_NAMES})[ \u3000]*(?P<suffix>{SUFFIX})$")


def parse_suffixed(text, roster=()):
    match = SUFFIXED.match(text.strip().lstrip(MARKERS).strip())
    if not match:
        return None
    found = _names(match.group("names"), roster, strict=True)
    if found is None or not found[0]:
        return None
    suffix = match.group("suffix").strip("/／ ")
    kind = (
        Kind.PHOTOGRAPHER
        if suffix.startswith("摄") or suffix == "图"
        else Kind.REPORTER
    )
    label = "文/图" if suffix == "文/图" else ""
    return Parsed([Credit(kind, name, label) for name in found[0]], found[1])


# Words that stand in closing parentheses and are not people: （连载）, （区委宣传部）.
NOT_NAMES = {
    "连载", "待续", "续完", "文明", "周末", "综合", "特稿", "专稿", "通讯", "图文",
    "上篇", "下篇", "上图", "下图", "本报", "原创", "节选", "摘编", "编者",
}  # fmt: skip
UNIT_ENDINGS = tuple("部局委办院会站所队处科厅庭社团组馆法协") + ("中心", "政府")


def parse_bare_names(text, roster=()):
    """Names with no role, as in a closing “（A B）”: every token must be a name,
    not a word or an office (（连载）, （区委宣传部）, （区法院）)."""
    found = _names(text, roster, strict=True)
    if found is None or not found[0] or found[1]:
        return None
    names = found[0]
    if len(names) > 6:
        return None
    for name in names:
        if name in roster:
            continue
        if (
            name in NOT_NAMES
            or name.endswith(UNIT_ENDINGS)
            or name[0] in "区县市乡镇省"
        ):
            return None
    return Parsed([Credit(Kind.REPORTER, name) for name in names])


# “A/文 B/摄”, “记者 A/文 B/图”: each name with what it did.
SEGMENT = rf"{NAME_CHARS}{{2,8}}[ \u3000]*[/／][ \u3000]*[文图摄]"
SEGMENTED = re.compile(
    rf"^(?P<role>{ROLE})?[ \u3000]*(?P<segments>{SEGMENT}(?:[ \u3000]+{SEGMENT})+)$"
)


def parse_segments(text, roster=()):
    match = SEGMENTED.match(text.strip().lstrip(MARKERS).strip())
    if not match:
        return None
    credits = []
    for segment in re.findall(SEGMENT, match.group("segments")):
        name, work = re.split(r"[ \u3000]*[/／][ \u3000]*", segment)
        if not is_name(name, roster):
            return None
        kind = Kind.REPORTER if work == "文" else Kind.PHOTOGRAPHER
        credits.append(Credit(kind, name))
    return Parsed(credits)


def starts_with_role(text):
    """True when a paragraph opens with a byline run into it (本报记者 A 通讯员 B……)."""
    return bool(re.match(rf"^(?:{ROLE})[ \u3000:：]*{NAME_CHARS}{{2}}", text))


PAREN = re.compile(r"^[（(]\s*(?P<inner>[^（）()]{2,60}?)\s*[）)]$")


def parse(text, roster=()):
    """A whole line (or parenthesis) as a byline, or None if it is not one."""
    text = text.strip()
    paren = PAREN.match(text)
    if paren:
        inner = paren.group("inner")
        return (
            parse_groups(inner, roster)
            or parse_segments(inner, roster)
            or parse_suffixed(inner, roster)
            or parse_bare_names(inner, roster)
        )
    return (
        parse_groups(text, roster)
        or parse_segments(text, roster)
        or parse_suffixed(text, roster)
    )


def is_collective(text):
    return bool(COLLECTIVE.match(text.strip()))


# A byline at the end of the last paragraph: “……建设。记者 景静”, “……。（A B）”.
TAIL = re.compile(
    r"(?<=[。！？!?”』」])[ \u3000]*"
    r"(?P<tail>[（(][^（）()]{2,60}[）)]|[^。！？!?”（）()]{2,60})$"
)
# A byline opening the first paragraph: “（记者 A 通讯员 B）”, no role: “（A）”.
HEAD = re.compile(r"^[ \u3000]*[（(](?P<inner>[^（）()]{2,60}?)[）)][ \u3000]*")


def split_tail(paragraph, roster=()):
    """(paragraph without its closing byline, Parsed) — Parsed is None if none."""
    match = TAIL.search(paragraph)
    if match:
        parsed = parse(match.group("tail"), roster)
        if parsed:
            return paragraph[: match.start()].rstrip(), parsed
    return paragraph, None


def split_head(text, roster=()):
    """(text without an opening byline in parentheses, Parsed or None)."""
    match = HEAD.match(text)
    if match:
        inner = match.group("inner")
        parsed = (
            parse_groups(inner, roster)
            or parse_suffixed(inner, roster)
            or parse_bare_names(inner, roster)
        )
        if parsed:
            return text[match.end() :], parsed
    # Without parentheses: “本报讯 记者 A 通讯员 B 11月24日，……”.
    match = re.match(
        rf"^[ \u3000]*(?P<byline>(?:{ROLE})[ \u3000:：]*{NAME_CHARS}{{2,4}}"
        rf"(?:[ \u3000]+(?:(?:{ROLE})[ \u3000:：]*)?{NAME_CHARS}{{2,4}})*"
        rf"(?:[ \u3000]*(?:报道|摄))?)(?=[ \u3000]|[0-9０-９]|$|{RUN_ON})",
        text,
    )
    if match:
        parsed = parse_groups(match.group("byline"), roster)
        if parsed:
            return text[match.end() :].lstrip(" \u3000：:"), parsed
    return text, None


# Where a body starts when the byline runs into it without a break: a time word.
RUN_ON = (
    r"(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|近日|日前|近期|昨天|昨日|今天|今日|"
    r"当天|今年|连日来)"
)

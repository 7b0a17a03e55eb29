"""Editorial checks run before an article is approved, and on an import preview.

- leader titles: the title printed before each official's name must be one the
  official held on the article's date (the district's own name before it, 该区 or
  区政府 are not part of the title); a wrong title blocks approval unless
  ``TITLE_CHECK_SEVERITY`` is "caution";
- near-miss names: a name one character or one homophone away from a leader's,
  printed after that leader's title (区委书记樊慧林), blocks approval;
- protocol order: officials named in one sentence must appear in protocol rank;
- words: the newsroom's list of blocked and cautioned words;
- personal data: resident ID numbers (checksum), mobile numbers (also written with
  spaces, hyphens or +86), bank cards (Luhn).

Every check reads the text with invisible characters removed and full-width digits
made plain, so neither can hide a word or a number. A "block" finding stops
approval; a "caution" needs the editor's acknowledgement.
"""

import re
from dataclasses import asdict, dataclass

from django.conf import settings
from pypinyin import lazy_pinyin

from articles.models import SensitiveWord
from people.models import Official
from people.places import district_names

from .linking import TITLE_BOUNDARY, TITLE_ENDINGS, official_mentions
from .sanitizer import remove_invisible

BLOCK = "block"
CAUTION = "caution"
SENTENCE = re.compile(r"[^。！？!?；;\n]+")
ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
# 13812345678, 138 1234 5678, 138-1234-5678, +86 138 1234 5678, (+86)13812345678.
MOBILE = re.compile(
    r"(?<![0-9])(?:[(（]?\+?86[)）]?[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])"
)
ID_SPACED = re.compile(
    r"(?<![0-9])[1-9][0-9]{5}[ -][0-9]{8}[ -][0-9]{3}[0-9Xx](?![0-9])"
)
FULL_WIDTH = dict(
    zip(
        "０１２３４５６７８９ＸｘＡＢＣＤＥＦ＋－（）　",
        "0123456789XxABCDEF+-() ",
        strict=True,
    )
)
# A substitution per character found: str.translate with a table looks up every
# character of a Chinese text, a millisecond per article when all are checked.
FULL_WIDTH_CHARACTERS = re.compile(f"[{''.join(FULL_WIDTH)}]")
CARD = re.compile(
    r"(?<![0-9])(?:[0-9]{4}[ -]){3,4}[0-9]{1,4}(?![0-9])"
    r"|(?<![0-9])[0-9]{16,19}(?![0-9])"
)
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Finding:
    check: str  # title | order | word | personal
    severity: str  # block | caution
    message: str
    excerpt: str = ""
    suggestion: str = ""

    def as_dict(self):
        return asdict(self)


def prepare(text):
    """The text every check reads: nothing invisible, digits plain."""
    return FULL_WIDTH_CHARACTERS.sub(
        lambda found: FULL_WIDTH[found.group()], remove_invisible(text)
    )


def run_checks(article):
    """All findings for an article, on the date it carries."""
    return check_text(article.plain_text(), article.publication_date())


def check_text(text, date, officials=None, places=None, words=None, memo=None):
    """All findings for a text printed on ``date``.

    Pass ``officials`` (with positions and their departments prefetched),
    ``places``, ``words`` (the word list) and an empty dict as ``memo`` when
    checking many texts, to read them once and work out each day's titles once.
    """
    text = prepare(text)
    places = district_names() if places is None else places
    officials = leaders() if officials is None else officials
    mentions = official_mentions(text, officials, places)
    return [
        *check_titles(text, date, mentions, places),
        *check_names(text, date, mentions, places, officials, memo),
        *check_order(text, date, mentions),
        *check_words(text, words),
        *check_personal_data(text),
    ]


def leaders():
    """Every official, with what the checks read of them fetched in one go."""
    return list(Official.objects.prefetch_related("positions__department"))


def leader_mentions(text, places=None):
    """Every leader named in the text, found once, their positions fetched once."""
    return official_mentions(text, leaders(), places)


# What an excerpt shows as a plain space: line breaks, no-break spaces and the
# "&nbsp;" that copy pasted from a web page's source carries as text.
EXCERPT_SPACES = re.compile(r"\n|\xa0|&nbsp;?", re.I)


def _excerpt(text, start, end, margin=12):
    return EXCERPT_SPACES.sub(" ", text[max(0, start - margin) : end + margin])


def day(date):
    """2023年11月24日, 2024年5月8日: as Chinese copy writes a date (no zero padding)."""
    return f"{date.year}年{date.month}月{date.day}日"


def title_severity():
    return BLOCK if settings.TITLE_CHECK_SEVERITY == "block" else CAUTION


def canonical(part, places=()):
    """One part of a title, in the form titles are compared in.

    二七区委书记, 区委书记 and 委书记 are one title; so are 区政府副区长,
    区人民政府副区长 and 副区长.
    """
    for place in places:
        if part.startswith(place) and len(part) > len(place):
            part = part[len(place) :]
            break
    part = re.sub(r"^[区县市]?(?:人民)?政府(?=\S*长$)", "", part)
    return part[1:] if part[:1] in "区县" and len(part) > 2 else part


def title_parts(title, places=()):
    return {canonical(part, places) for part in title.split("、") if part}


def check_titles(text, date, mentions=None, places=None):
    places = district_names() if places is None else places
    findings = []
    for mention in leader_mentions(text, places) if mentions is None else mentions:
        if not mention.title:
            continue
        official = mention.official
        expected = official.title_on(date)
        if not expected:
            findings.append(
                Finding(
                    "title",
                    CAUTION,
                    f"{official.name}在 {day(date)} 没有任职记录，"
                    f"无法核对所印职务“{mention.title}”。",
                    _excerpt(text, mention.title_start, mention.end),
                )
            )
            continue
        allowed = title_parts(expected, places)
        printed = title_parts(mention.title, places)
        if printed - allowed:
            findings.append(
                Finding(
                    "title",
                    title_severity(),
                    f"职务有误：{official.name}印作“{mention.title}”，"
                    f"{day(date)}应为“{expected}”。",
                    _excerpt(text, mention.title_start, mention.end),
                    f"{expected}{official.name}",
                )
            )
    return findings


def _pinyin(text):
    return lazy_pinyin(text, errors="ignore")


def near_miss(printed, name, sounds=None):
    """True when ``printed`` is one character or a homophone away from ``name``.

    ``sounds`` caches pinyin between calls."""
    if printed == name or len(printed) != len(name):
        return False
    different = sum(1 for a, b in zip(printed, name, strict=True) if a != b)
    if different == 1:
        return True
    sounds = {} if sounds is None else sounds
    for word in (printed, name):
        if word not in sounds:
            sounds[word] = _pinyin(word)
    return sounds[printed] == sounds[name]


TITLED_NAME = re.compile(
    "(?:" + "|".join(sorted(TITLE_ENDINGS, key=len, reverse=True)) + ")"
    r"(?P<name>[\u4e00-\u9fff]{2,4})"
)


TITLE_REACH = 40  # how far before a name a printed title may start


def _titles_by_length(officials, date, places):
    """Name length → [(official, title on ``date``, its parts)]."""
    by_length = {}
    for official in officials:
        expected = official.title_on(date)
        if expected:
            by_length.setdefault(len(official.name), []).append(
                (official, expected, title_parts(expected, places))
            )
    return by_length


def check_names(text, date, mentions=None, places=None, officials=None, memo=None):
    """Names printed after a leader's title that are nearly, not quite, theirs.

    Each distinct (title, name) printed is judged once, against the leaders of the
    same name length whose title it matches; pinyin only for those that differ in
    more than one character. A long text with thousands of titles stays fast.
    """
    places = district_names() if places is None else places
    mentions = leader_mentions(text, places) if mentions is None else mentions
    named = {i for m in mentions for i in range(m.start, m.end)}
    officials = leaders() if officials is None else officials
    if memo is None:
        known = {n for o in officials for n in (o.name, *o.alias_list())}
        by_length = _titles_by_length(officials, date, places)
    else:  # the same officials and places for every text of a run
        if "known" not in memo:
            memo["known"] = {n for o in officials for n in (o.name, *o.alias_list())}
        known = memo["known"]
        if date not in memo:
            memo[date] = _titles_by_length(officials, date, places)
        by_length = memo[date]
    findings, judged, sounds = [], set(), {}
    for match in TITLED_NAME.finditer(text):
        start = match.start("name")
        if start in named:
            continue
        title_start = start
        floor = max(0, start - TITLE_REACH)
        while title_start > floor and text[title_start - 1] not in TITLE_BOUNDARY:
            title_start -= 1
        # Only the title of this name: 区政协主席A、副区长B → 副区长.
        parts = text[title_start:start].split("、")
        while len(parts) > 1 and not parts[0].endswith(TITLE_ENDINGS):
            parts.pop(0)
        printed_title = "、".join(parts)
        printed_parts = title_parts(parts[-1], places)
        for length, group in by_length.items():
            printed = text[start : start + length]
            if printed in known or (printed_title, printed) in judged:
                continue
            judged.add((printed_title, printed))
            for official, expected, expected_parts in group:
                if not printed_parts & expected_parts:
                    continue
                if not near_miss(printed, official.name, sounds):
                    continue
                findings.append(
                    Finding(
                        "name",
                        BLOCK,
                        f"疑似领导姓名有误：“{printed_title}{printed}”，"
                        f"{day(date)}任{expected}的是{official.name}。",
                        _excerpt(text, start - len(printed_title), start + length),
                        f"{printed_title}{official.name}",
                    )
                )
    return findings


def check_order(text, date, mentions=None):
    mentions = leader_mentions(text) if mentions is None else mentions
    findings = []
    remaining = sorted(mentions, key=lambda m: m.start)
    index = 0
    for sentence in SENTENCE.finditer(text):
        # Mentions are in text order: walk them with the sentences, once.
        named = []
        while index < len(remaining) and remaining[index].start < sentence.end():
            mention = remaining[index]
            index += 1
            inside = sentence.start() <= mention.start
            if inside and mention.official not in named:
                named.append(mention.official)
        ranked = []
        for official in named:
            positions = official.positions_on(date)
            if positions:
                ranked.append((positions[0].rank, official))
        for (rank_a, a), (rank_b, b) in zip(ranked, ranked[1:], strict=False):
            if rank_b < rank_a:
                findings.append(
                    Finding(
                        "order",
                        CAUTION,
                        f"领导排序：{b.name}应排在{a.name}之前"
                        f"（按 {day(date)} 的职务排序）。",
                        sentence.group().strip()[:80],
                    )
                )
    return findings


def word_list():
    """The newsroom's word list as the checks read it, for ``check_text(words=)``."""
    return list(SensitiveWord.objects.all())


def check_words(text, words=None):
    text = prepare(text)
    findings = []
    for entry in word_list() if words is None else words:
        start = text.find(entry.word)
        if start < 0:
            continue
        label = "禁用词" if entry.level == SensitiveWord.Level.BLOCK else "慎用词"
        note = f"（{entry.note}）" if entry.note else ""
        findings.append(
            Finding(
                "word",
                BLOCK if entry.level == SensitiveWord.Level.BLOCK else CAUTION,
                f"{label}“{entry.word}”出现 {text.count(entry.word)} 次{note}。",
                _excerpt(text, start, start + len(entry.word)),
            )
        )
    return findings


def is_resident_id(number):
    number = number.upper()
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17]


def luhn_valid(number):
    digits = [int(d) for d in number]
    checksum = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        checksum += digit
    return checksum % 10 == 0


def check_personal_data(text):
    text = prepare(text)
    findings = []
    ids = set()
    for match in [*ID_NUMBER.finditer(text), *ID_SPACED.finditer(text)]:
        number = re.sub(r"[ -]", "", match.group())
        if is_resident_id(number) and number not in ids:
            ids.add(number)
            findings.append(
                Finding(
                    "personal",
                    CAUTION,
                    "正文含有居民身份证号码，发布前应打码。",
                    _excerpt(text, match.start(), match.end()),
                    number[:6] + "*" * 8 + number[-4:],
                )
            )
    for match in MOBILE.finditer(text):
        number = re.sub(r"[^0-9]", "", match.group())[-11:]
        findings.append(
            Finding(
                "personal",
                CAUTION,
                "正文含有手机号码，发布前应确认是否可以公开。",
                _excerpt(text, match.start(), match.end()),
                number[:3] + "****" + number[-4:],
            )
        )
    for match in CARD.finditer(text):
        number = re.sub(r"[ -]", "", match.group())
        if number in ids or not 16 <= len(number) <= 19 or not luhn_valid(number):
            continue
        findings.append(
            Finding(
                "personal",
                CAUTION,
                "正文含有银行卡号，发布前应打码。",
                _excerpt(text, match.start(), match.end()),
                "*" * (len(number) - 4) + number[-4:],
            )
        )
    return findings

"""Editorial checks run before an article is approved.

- leader titles: the title printed before each official's name must be one the
  official held on the article's date;
- protocol order: officials named in one sentence must appear in protocol rank;
- words: the newsroom's list of blocked and cautioned words;
- personal data: resident ID numbers (checksum), mobile numbers, bank cards (Luhn).

A "block" finding stops approval; a "caution" needs the editor's acknowledgement.
"""

import re
from dataclasses import asdict, dataclass

from django.utils.html import strip_tags

from people.models import Official

from .linking import district_prefixes, official_mentions
from .models import SensitiveWord

BLOCK = "block"
CAUTION = "caution"
SENTENCE = re.compile(r"[^。！？!?；;\n]+")
ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
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


def article_text(article):
    parts = [article.kicker, article.title, article.subtitle, article.summary]
    body = strip_tags((article.body or "").replace("</p>", "</p>\n"))
    return "\n".join([p for p in parts if p] + [body])


def run_checks(article):
    """All findings for an article, on the date it carries."""
    text = article_text(article)
    date = article.publication_date()
    mentions = leader_mentions(text)
    return [
        *check_titles(text, date, mentions),
        *check_order(text, date, mentions),
        *check_words(text),
        *check_personal_data(text),
    ]


def leader_mentions(text):
    """Every leader named in the text, found once, their positions fetched once."""
    return official_mentions(text, Official.objects.prefetch_related("positions"))


def _excerpt(text, start, end, margin=12):
    return text[max(0, start - margin) : end + margin].replace("\n", " ")


def _parts(title):
    parts = set()
    for part in title.split("、"):
        for prefix in district_prefixes():
            part = part.removeprefix(prefix)
        parts.add(part.removeprefix("区") if part.startswith("区") else part)
        parts.add(part)
    return parts


def check_titles(text, date, mentions=None):
    findings = []
    for mention in leader_mentions(text) if mentions is None else mentions:
        if not mention.title:
            continue
        official = mention.official
        expected = official.title_on(date)
        if not expected:
            findings.append(
                Finding(
                    "title",
                    CAUTION,
                    f"{official.name}在 {date:%Y年%m月%d日} 没有任职记录，"
                    f"无法核对所印职务“{mention.title}”。",
                    _excerpt(text, mention.title_start, mention.end),
                )
            )
            continue
        allowed = _parts(expected)
        wrong = [p for p in mention.title.split("、") if not (_parts(p) & allowed)]
        if wrong:
            findings.append(
                Finding(
                    "title",
                    CAUTION,
                    f"职务有误：{official.name}印作“{mention.title}”，"
                    f"{date:%Y年%m月%d日}应为“{expected}”。",
                    _excerpt(text, mention.title_start, mention.end),
                    f"{expected}{official.name}",
                )
            )
    return findings


def check_order(text, date, mentions=None):
    mentions = leader_mentions(text) if mentions is None else mentions
    findings = []
    for sentence in SENTENCE.finditer(text):
        named = []
        for mention in mentions:
            inside = sentence.start() <= mention.start < sentence.end()
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
                        f"（按 {date:%Y年%m月%d日} 的职务排序）。",
                        sentence.group().strip()[:80],
                    )
                )
    return findings


def check_words(text):
    findings = []
    for entry in SensitiveWord.objects.all():
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
    findings = []
    ids = set()
    for match in ID_NUMBER.finditer(text):
        number = match.group()
        if is_resident_id(number):
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
        number = match.group()
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

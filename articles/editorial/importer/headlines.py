"""A headline stack of one to four lines → kicker (引题), title, subtitle (副题)."""

import re
from dataclasses import dataclass

from .lines import PICTURE_LABEL
from .punctuation import normalize_punctuation


@dataclass(frozen=True)
class Headline:
    kicker: str = ""
    title: str = ""
    subtitle: str = ""


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
                return Headline(
                    kicker=kicker, title=title.strip(), subtitle=subtitle.strip("— ")
                )
        return Headline(kicker=kicker, title=line)
    if len(lines) == 2 and not kicker:
        first, second = lines
        if first.endswith(("：", ":", "——")):
            return Headline(kicker=first.rstrip("：:—"), title=second)
        if (
            first.endswith(SPEECH_VERBS)
            or (second.endswith(EVENT_VERBS) and not first.endswith(EVENT_VERBS))
            or (len(first) <= 4 and len(second) >= 2 * len(first) + 2)
        ):
            # 引题: “A在……会议上强调” over the quoted line, or a short place name.
            return Headline(kicker=first, title=second)
        return Headline(title=first, subtitle=second.lstrip("—").strip())
    if kicker:
        return Headline(
            kicker=kicker,
            title=lines[0],
            subtitle=" ".join(line.lstrip("—").strip() for line in lines[1:]),
        )
    return Headline(
        kicker=lines[0],
        title=lines[1],
        subtitle=" ".join(line.lstrip("—").strip() for line in lines[2:]),
    )

"""Half-width punctuation in Chinese copy becomes full-width, as the paper prints it."""

import re

_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def normalize_punctuation(text):
    def to_full(match):
        return HALF_TO_FULL[match.group(0)]

    text = re.sub(rf"(?<={_CJK})[,;:?!]|[,;:?!](?={_CJK})", to_full, text)
    # A full stop after Chinese text (not a decimal point: 3.5 stays).
    text = re.sub(r"(?<=[\u4e00-\u9fff”）])\.(?![0-9])", "。", text)
    # Parentheses around Chinese text: (法资、美资) → （法资、美资）.
    return re.sub(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)", r"（\1）", text)

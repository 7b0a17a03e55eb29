"""The opening of an article's first paragraph (电头): where a new article starts.

    本报讯  本网讯  本台讯  二七讯  郑州日报讯  云溪融媒8月23日讯
    本报郑州11月24日讯  新华社北京11月24日电  中青报客户端重庆9月23日电

followed by a byline in parentheses, a space or the body itself. A generic
“XX讯/XX电” only counts when something other than text follows it, so a sentence
that starts “资讯平台……” or “供电公司……” is not taken for an opening.
"""

import re

from .names import HAN

_DATE = r"(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日)"
_OWN = rf"(?:本报|本网|本台|本刊|本站)[{HAN}]{{0,6}}?{_DATE}?讯"
_GENERIC = rf"[{HAN}·]{{2,16}}?{_DATE}?(?:讯|电)"
OPENING = re.compile(
    rf"^[□■◎●]?[ \u3000]*(?P<source>{_OWN}|{_GENERIC}(?=[ \u3000（(【:：]|$))"
    rf"|^[□■◎●]?[ \u3000]*(?P<dated>{_GENERIC})(?=[ \u3000]*[（(])"
)


def match(text):
    """(source, rest of the paragraph) when the text opens with a 电头, else None."""
    found = OPENING.match(text)
    if not found:
        return None
    source = found.group("source") or found.group("dated")
    if source.startswith(("通讯", "资讯", "快讯", "简讯", "喜讯", "电讯")):
        return None
    rest = text[found.end() :].lstrip(" \u3000:：")
    return source, rest

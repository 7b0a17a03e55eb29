"""Find the officials and departments a text mentions, and the titles printed
before each official's name.

Names and aliases come from the people app. Department names that are part of an
official's printed title (区委书记樊惠林) are not taken as mentions of the department.
"""

import re
from dataclasses import dataclass

from people.models import Department, Official
from people.places import district_names, official_places

# Characters that end the stretch of text a printed title can occupy.
TITLE_BOUNDARY = set('，,。；;：:！？!?“”"‘’（）()《》【】[] \n\t\u3000')
TITLE_ENDINGS = (
    "书记", "区长", "县长", "市长", "镇长", "主任", "常委", "部长", "局长", "主席",
    "委员", "组长", "秘书长", "检察长", "院长", "政委", "处长", "科长", "队长",
    "所长", "站长", "馆长", "社长", "会长", "理事长", "总编辑", "经理", "董事长",
    "委员长", "书记员", "调研员", "巡视员", "专员", "主委",
)  # fmt: skip
# Words that may stand before a title inside the same stretch: 由区委书记…, 在……的.
LEADING_WORDS = "由在和与及同请向对为把将被让给跟陪邀"


@dataclass
class Mention:
    official: Official
    start: int  # where the name starts
    end: int
    title: str  # the title printed right before the name, "" if none
    title_start: int


def _variants(names):
    return sorted({n for n in names if n}, key=len, reverse=True)


def official_mentions(text, officials=None, places=None):
    """Every occurrence of an official's name or alias, in text order.

    ``places`` are the district's names that may stand before a title (see
    ``people.places``); the places of an official's own positions are added.
    """
    officials = list(
        officials
        if officials is not None
        else Official.objects.prefetch_related("positions__department")
    )
    places = district_names() if places is None else places
    found = []
    taken = [False] * len(text)
    pairs = [(v, o) for o in officials for v in _variants([o.name, *o.alias_list()])]
    for variant, official in sorted(pairs, key=lambda pair: len(pair[0]), reverse=True):
        for match in re.finditer(re.escape(variant), text):
            if any(taken[match.start() : match.end()]):
                continue
            for i in range(match.start(), match.end()):
                taken[i] = True
            found.append(
                Mention(official, match.start(), match.end(), "", match.start())
            )
    found.sort(key=lambda m: m.start)
    # A title never reaches back over the previous name: 副区长王潜、区长虎荣鑫.
    previous_end = 0
    places_of = {}  # official's pk → the places allowed before their title
    for mention in found:
        official = mention.official
        if official.pk not in places_of:
            own = official_places(official)
            places_of[official.pk] = sorted({*places, *own}, key=len, reverse=True)
        mention.title, mention.title_start = printed_title(
            text, mention.start, floor=previous_end, places=places_of[official.pk]
        )
        previous_end = mention.end
    return found


def printed_title(text, name_start, floor=0, places=()):
    """The title printed right before a name (区委常委、副区长 in …副区长王潜).

    A place the title belongs to (二七区委书记, 该区区长) is left out of the title, so
    that the printed title can be compared with the registered one.
    """
    begin = name_start
    while begin > floor and text[begin - 1] not in TITLE_BOUNDARY:
        begin -= 1
    stretch = text[begin:name_start].lstrip("、")
    begin = name_start - len(stretch)
    if "的" in stretch:
        cut = stretch.rindex("的") + 1
        stretch, begin = stretch[cut:], begin + cut
    for _ in range(2):
        cut = _place_length(stretch, places)
        stretch, begin = stretch[cut:], begin + cut
        while stretch and stretch[0] in LEADING_WORDS:
            stretch, begin = stretch[1:], begin + 1
    if not stretch or not stretch.endswith(TITLE_ENDINGS):
        return "", name_start
    return stretch, begin


def _place_length(stretch, places):
    for place in places:
        if stretch.startswith(place) and len(stretch) > len(place):
            return len(place)
    return 0


def department_mentions(text, departments=None, mask=()):
    """Departments named in text, longest name first, outside the masked spans."""
    departments = list(
        departments if departments is not None else Department.objects.all()
    )
    taken = [False] * len(text)
    for start, end in mask:
        for i in range(start, end):
            taken[i] = True
    found = {}
    pairs = [(v, d) for d in departments for v in _variants(d.names())]
    for variant, department in sorted(
        pairs, key=lambda pair: len(pair[0]), reverse=True
    ):
        for match in re.finditer(re.escape(variant), text):
            if any(taken[match.start() : match.end()]):
                continue
            for i in range(match.start(), match.end()):
                taken[i] = True
            found.setdefault(department.pk, (match.start(), department))
    return [department for _, department in sorted(found.values(), key=lambda x: x[0])]


def find_entities(text, officials=None, departments=None):
    """(officials, departments) a text mentions, each in order of first mention.

    Pass the officials and departments when linking many texts, to read them once.
    """
    mentions = official_mentions(text, officials)
    linked = []
    for mention in mentions:
        if mention.official not in linked:
            linked.append(mention.official)
    mask = [(m.title_start, m.end) for m in mentions]
    return linked, department_mentions(text, departments, mask=mask)

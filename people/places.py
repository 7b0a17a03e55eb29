"""The names a district goes by in copy, as they stand before a leader's title.

“二七区委书记”, “郑州市二七区委书记”, “该区区长”, “区政府副区长” all print the title
区委书记 or 区长 of one district. The district's own names come from the setting
``DISTRICT_NAMES``; the short form (二七), the pronoun forms (该区, 本区, 我区) are
derived; the city-qualified forms (郑州市二七区) come from the departments' full
names, so a newsroom configures its district once, not in code.
"""

import re

from django.conf import settings

from .models import Department

LEVELS = "区县市旗"
PRONOUNS = "该本我"


def short_form(name):
    """二七区 → 二七; a name of two characters (X区) keeps its level word."""
    return name[:-1] if name[-1:] in LEVELS and len(name) >= 3 else ""


def forms(name):
    """郑州市二七区 → itself, 郑州市二七, 二七区, 二七."""
    found = {name, short_form(name)}
    city, _, own = name[:-1].rpartition("市")
    if city and len(own) >= 2:
        found.update({own + name[-1], own})
    return {f for f in found if f}


DISTRICT_IN_FULL_NAME = re.compile(
    r"^(?:中共|中国共产党|中国人民政治协商会议)?"
    r"(?P<place>(?:[\u4e00-\u9fff]{2,4}[市州盟])?[\u4e00-\u9fff]{2,4}?[区县旗])"
)


def department_district(department):
    """The district a department's full name starts with: 郑州市二七区商务局 →
    郑州市二七区; 中共郑州市中原区委员会 → 郑州市中原区; “” when there is none."""
    match = DISTRICT_IN_FULL_NAME.match(department.full_name or "")
    return match.group("place") if match else ""


def district_names(departments=None):
    """Every form of the district's name, longest first."""
    names = set()
    for name in getattr(settings, "DISTRICT_NAMES", []):
        names.update(forms(name))
        names.update(p + name[-1] for p in PRONOUNS if name[-1:] in LEVELS)
    if departments is None:
        departments = Department.objects.only("name", "full_name")
    for department in departments:
        prefix = department_district(department)
        if prefix and any(prefix.endswith(n) for n in names if n):
            names.update(forms(prefix))
    return sorted((n for n in names if n), key=len, reverse=True)


def official_places(official):
    """Districts of the departments an official's positions are in (their own names
    are allowed before their title, even when it is not this district)."""
    names = set()
    for position in official.positions.all():
        if position.department is not None:
            prefix = department_district(position.department)
            if prefix:
                names.update(forms(prefix))
    return names

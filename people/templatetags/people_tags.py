"""The side columns every section page shows: ``{% load people_tags %}``.

Pages wrap them in ``{% public_cache %}`` (they are the same on every page), so
their queries run once, until a leader's or a department's change purges their tag.
"""

from django import template
from django.utils import timezone

from newsroom.caching import keys
from newsroom.caching.versions import tagged
from newsroom.links import link
from newsroom.prepared import Prepared
from people.models import Department, Official

register = template.Library()


def _first_departments():
    """(name, slug) of the first departments (not their offices), in order."""
    return Department.objects.filter(parent__isnull=True).values_list("name", "slug")[
        :16
    ]


# The departments' column of every page: built by the ORM once (newsroom.prepared).
COLUMN = Prepared(Department, _first_departments)


@register.inclusion_tag("includes/leaders_column.html")
def leaders_column():
    """Current leaders in protocol order, with the titles they hold today."""
    tagged(keys.LEADERS)
    roll = Official.objects.roll_on(timezone.localdate())
    leaders = [
        (name, link("official_detail", slug=slug), title) for name, slug, title in roll
    ]
    return {"leaders": leaders}


@register.inclusion_tag("includes/departments_column.html")
def departments_column():
    """The first departments (not their offices) in the newsroom's order."""
    tagged(keys.DEPARTMENTS)
    departments = COLUMN.rows()
    return {
        "departments": [
            (name, link("department_detail", slug=slug)) for name, slug in departments
        ]
    }

"""The side columns every section page shows: ``{% load people_tags %}``.

Pages wrap them in ``{% public_cache %}`` (they are the same on every page), so
their queries run once, until a leader's or a department's change purges their tag.
"""

from django import template
from django.utils import timezone

from newsroom.caching import keys
from newsroom.caching.versions import tagged
from newsroom.links import link
from people.models import Department, Official

register = template.Library()


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
def departments_column(limit=16):
    tagged(keys.DEPARTMENTS)
    departments = Department.objects.filter(parent__isnull=True).values_list(
        "name", "slug"
    )[:limit]
    return {
        "departments": [
            (name, link("department_detail", slug=slug)) for name, slug in departments
        ]
    }

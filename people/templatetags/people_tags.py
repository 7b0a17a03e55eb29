"""The side columns every section page shows: ``{% load people_tags %}``.

Pages wrap them in ``{% public_cache %}`` (they are the same on every page), so
their queries run once, until a leader's or a department's change purges their tag.
"""

from django import template
from django.utils import timezone

from newsroom.caching import keys
from newsroom.caching.versions import tagged
from people.models import Department, Official

register = template.Library()


@register.inclusion_tag("includes/leaders_column.html")
def leaders_column():
    """Current leaders in protocol order, with the titles they hold today."""
    tagged(keys.LEADERS)
    today = timezone.localdate()
    officials = Official.objects.current().prefetch_related("positions")
    leaders = [(o.name, o.get_absolute_url(), o.title_on(today)) for o in officials]
    return {"leaders": leaders}


@register.inclusion_tag("includes/departments_column.html")
def departments_column(limit=16):
    tagged(keys.DEPARTMENTS)
    departments = Department.objects.filter(parent__isnull=True)[:limit]
    return {"departments": [(d.name, d.get_absolute_url()) for d in departments]}

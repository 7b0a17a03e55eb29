from django import template
from django.utils import timezone

from people.models import Department, Official

register = template.Library()


@register.inclusion_tag("includes/leaders_column.html")
def leaders_column():
    """Current leaders in protocol order, with the titles they hold today."""
    today = timezone.localdate()
    officials = Official.objects.current().prefetch_related("positions")
    return {"leaders": [(o, o.title_on(today)) for o in officials]}


@register.inclusion_tag("includes/departments_column.html")
def departments_column(limit=16):
    departments = Department.objects.filter(parent__isnull=True).only("name", "slug")
    return {"departments": departments[:limit]}

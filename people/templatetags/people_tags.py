from django import template
from django.utils import timezone

from people.models import Department, Official

register = template.Library()


@register.inclusion_tag("includes/leaders_column.html", takes_context=True)
def leaders_column(context):
    """Current leaders in protocol order, with the titles they hold today."""
    today = timezone.localdate()

    def compute():
        officials = Official.objects.current().prefetch_related("positions")
        return [(o.name, o.get_absolute_url(), o.title_on(today)) for o in officials]

    return {"leaders": _cached(context, f"leaders:{today}", compute)}


@register.inclusion_tag("includes/departments_column.html", takes_context=True)
def departments_column(context, limit=16):
    def compute():
        departments = Department.objects.filter(parent__isnull=True)
        return [(d.name, d.get_absolute_url()) for d in departments[:limit]]

    return {"departments": _cached(context, f"departments:{limit}", compute)}


def _cached(context, name, compute):
    """Reuse the page cache's versioned store when the site provides one.

    The people app does not import the articles app; the site passes the store in
    through the ``fragment_cache`` context processor.
    """
    store = context.get("fragment_cache")
    return store(name, compute) if store else compute()

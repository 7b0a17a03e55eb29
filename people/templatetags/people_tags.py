from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from people.models import Department, Official

register = template.Library()


@register.simple_tag(takes_context=True)
def leaders_column(context):
    """Current leaders in protocol order, with the titles they hold today."""
    today = timezone.localdate()

    def render():
        officials = Official.objects.current().prefetch_related("positions")
        leaders = [(o.name, o.get_absolute_url(), o.title_on(today)) for o in officials]
        return render_to_string("includes/leaders_column.html", {"leaders": leaders})

    return _cached(context, f"leaders-column:{today}", render)


@register.simple_tag(takes_context=True)
def departments_column(context, limit=16):
    def render():
        departments = Department.objects.filter(parent__isnull=True)[:limit]
        pairs = [(d.name, d.get_absolute_url()) for d in departments]
        return render_to_string(
            "includes/departments_column.html", {"departments": pairs}
        )

    return _cached(context, f"departments-column:{limit}", render)


def _cached(context, name, render):
    """The column's HTML, rendered once per content version when the site provides
    a versioned store (the same on every page, so it is stored whole).

    The people app does not import the articles app; the site passes the store in
    through the ``fragment_cache`` context processor.
    """
    store = context.get("fragment_cache")
    return mark_safe(store(name, render) if store else render())

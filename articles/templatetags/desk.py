"""Template tags of the desk's own pages: ``{% load desk %}`` — the home page's
sections for the user looking at it, and the count of their unread notifications
(the bell in every admin page's header)."""

from django import template

from articles.admin.home import home_sections, sees_model_list
from articles.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_home(context):
    """``{% desk_home as home %}``: ``home.sections`` and ``home.model_list``."""
    user = context["request"].user
    return {"sections": home_sections(user), "model_list": sees_model_list(user)}


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    user = context["request"].user
    return Notification.objects.filter(user=user.pk, read_at=None).count()

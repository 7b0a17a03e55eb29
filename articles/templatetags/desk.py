"""Template tags of the desk's own pages: ``{% load desk %}`` — the home page's
sections for the user looking at it."""

from django import template

from articles.admin.home import home_sections, sees_model_list

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_home(context):
    """``{% desk_home as home %}``: ``home.sections`` and ``home.model_list``."""
    user = context["request"].user
    return {"sections": home_sections(user), "model_list": sees_model_list(user)}

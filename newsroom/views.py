"""The admin's "view on site" shortcut, which answers only for public objects.

Django's own shortcut (``/admin/r/<content type>/<id>/``) redirects to any
object's ``get_absolute_url()``: for an article that is still a draft, the
redirect names its title (the slug) and tells that the id exists. Here an object
is shown only when it says it is public (``is_public()``); anything else is a 404,
the same answer as for an id that does not exist.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect


@staff_member_required
def view_on_site(request, content_type_id, object_id):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    is_public = getattr(model, "is_public", None)
    if model is None or not callable(is_public):
        raise Http404("没有可在网站上查看的对象。")
    try:
        obj = model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError, ValidationError, OverflowError):
        obj = None
    if obj is None or not obj.is_public():
        raise Http404("没有可在网站上查看的对象。")
    return redirect(obj.get_absolute_url())

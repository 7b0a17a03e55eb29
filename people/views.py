"""The index pages of leaders (领导之窗, in protocol order) and departments."""

from itertools import groupby

from django.utils import timezone
from django.views.generic import TemplateView

from newsroom.caching import keys
from newsroom.caching.versions import tagged

from .models import Department, Official


class OfficialListView(TemplateView):
    """Leaders in protocol order, by the positions they hold today."""

    template_name = "people/official_list.html"

    def get_context_data(self, **kwargs):
        tagged(keys.LEADERS)
        officials = Official.objects.prefetch_related("positions")
        return super().get_context_data(
            current=officials.current(),
            former=officials.former(),
            today=timezone.localdate(),
            **kwargs,
        )


class DepartmentListView(TemplateView):
    """Departments grouped by kind, in the order the kinds are declared."""

    template_name = "people/department_list.html"

    def get_context_data(self, **kwargs):
        tagged(keys.DEPARTMENTS)
        kind_order = {kind: i for i, kind in enumerate(Department.Kind.values)}
        departments = sorted(
            Department.objects.select_related("parent"),
            key=lambda d: (kind_order.get(d.kind, 99), d.order, d.name),
        )
        groups = [
            (Department.Kind(kind).label, list(members))
            for kind, members in groupby(departments, key=lambda d: d.kind)
        ]
        return super().get_context_data(groups=groups, **kwargs)

"""The self-inspection in the admin (迎检自查): the reports made (by the nightly
``manage.py inspect_site`` or the button here), one report as a page, printable
and as an Excel workbook; the kept link results; the department pages that count
as columns. Editors and site admins see it (``articles.view_inspection``)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles import inspection
from articles.inspection.excel import workbook
from articles.inspection.report import SECTIONS, checks_of
from articles.models import DepartmentColumn, InspectionReport, LinkCheck
from newsroom.inputs import object_id
from people.names import person_name

PERMISSION = "articles.view_inspection"
ROW_LIMIT = 200  # rows a check shows on the page; the workbook has them all


class InspectionPermissionMixin:
    """Seen by whoever may see the inspection, changed by nobody here."""

    def has_module_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InspectionReport)
class InspectionReportAdmin(InspectionPermissionMixin, admin.ModelAdmin):
    list_display = ["created_at", "verdict", "failures", "warnings", "seconds", "who"]
    list_display_links = ["created_at"]
    change_list_template = "admin/articles/inspectionreport/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by").defer("data")

    @admin.display(description="结论")
    def verdict(self, obj):
        return "不合格" if obj.failures else "合格"

    @admin.display(description="发起人")
    def who(self, obj):
        return person_name(obj.created_by) or "定时任务"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("run/", view(self.run_view), name="articles_inspection_run"),
            path(
                "<int:pk>/print/",
                view(self.print_view),
                name="articles_inspection_print",
            ),
            path(
                "<int:pk>/export.xlsx",
                view(self.export_view),
                name="articles_inspection_export",
            ),
            *super().get_urls(),
        ]

    def _report(self, request, pk):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        # An id the database cannot hold is no report (a 404, never a 500).
        return get_object_or_404(InspectionReport, pk=object_id(pk))

    def _context(self, request, report, **extra):
        checks = checks_of(report)
        when = timezone.localtime(report.created_at)
        sections = [
            (section, [check for check in checks if check.section == section])
            for section in SECTIONS
        ]
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"迎检自查报告 {when:%Y-%m-%d %H:%M}",
            "report": report,
            "sections": [(name, found) for name, found in sections if found],
            "row_limit": ROW_LIMIT,
            **extra,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404("没有这份自查报告。")
        report = self._report(request, object_id)
        context = self._context(request, report)
        return TemplateResponse(
            request, "admin/articles/inspectionreport/report.html", context
        )

    def print_view(self, request, pk):
        report = self._report(request, pk)
        context = self._context(request, report, row_limit=None)
        return TemplateResponse(
            request, "admin/articles/inspectionreport/print.html", context
        )

    def export_view(self, request, pk):
        report = self._report(request, pk)
        response = HttpResponse(
            workbook(report),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
        name = f"inspection-{timezone.localtime(report.created_at):%Y%m%d-%H%M}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "迎检自查", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def run_view(self, request):
        """Inspect now, with the kept link results: outside sites are checked by
        the nightly command, a page should not wait on them."""
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = inspection.run(external_links=False, actor=request.user)
        verdict = f"不合格 {report.failures} 项" if report.failures else "全部合格"
        messages.success(request, f"自查完成：{verdict}，提示 {report.warnings} 项。")
        return redirect(
            reverse("admin:articles_inspectionreport_change", args=[report.pk])
        )


@admin.register(LinkCheck)
class LinkCheckAdmin(InspectionPermissionMixin, admin.ModelAdmin):
    list_display = ["url", "result", "status_code", "final_url", "error", "checked_at"]
    list_filter = ["result", "host"]
    search_fields = ["url", "final_url"]
    date_hierarchy = "checked_at"


@admin.register(DepartmentColumn)
class DepartmentColumnAdmin(admin.ModelAdmin):
    list_display = ["department", "period_days"]
    autocomplete_fields = ["department"]
    search_fields = ["department__name"]

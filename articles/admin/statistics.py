"""The statistics page of the desk (稿件统计) and its Excel export: the same
tables (``articles.statistics``) as HTML with server-drawn SVG bar charts, or as
an .xlsx workbook with a sheet per table."""

import io
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from articles.forms import StatisticsForm
from articles.inspection.excel import text_cell
from articles.statistics import default_range, statistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class StatisticsMixin:
    def desk_routes(self):
        return [
            *super().desk_routes(),
            ("statistics/", self.statistics_view, "statistics"),
        ]

    def statistics_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        start, end = default_range()
        data = request.GET.copy()  # what is not asked for: this month so far
        data.setdefault("start", start.isoformat())
        data.setdefault("end", end.isoformat())
        form = StatisticsForm(data)
        found = None
        if form.is_valid():
            data = form.cleaned_data
            found = statistics(
                request.user,
                start=data["start"],
                end=data["end"],
                department=data["department"],
                role=data["role"],
            )
            if request.GET.get("format") == "xlsx":
                return self.statistics_workbook(found, form)
        context = self.desk_context(
            request,
            "稿件统计",
            form=form,
            found=found,
            export_query=request.GET.urlencode(),
        )
        return TemplateResponse(
            request, "admin/articles/article/statistics.html", context
        )

    @staticmethod
    def statistics_workbook(found, form):
        """The page's tables, a sheet each, under a line saying what was counted."""
        data = form.cleaned_data
        scope = [f"{found.start:%Y-%m-%d} 至 {found.end:%Y-%m-%d}"]
        if data["department"]:
            scope.append(f"涉及部门：{data['department'].name}")
        if data["role"]:
            scope.append(f"署名身份：{dict(form.fields['role'].choices)[data['role']]}")
        if not found.everyone:
            scope.append("仅本人署名稿件")
        book = Workbook()
        book.remove(book.active)
        for table in found.tables:
            sheet = book.create_sheet(table.title)
            sheet.append(["稿件统计：" + "，".join(scope)])
            sheet.append(table.columns)
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            for row in table.rows:
                # A name or unit typed as "=…" is text, never a formula.
                sheet.append([text_cell(v) if isinstance(v, str) else v for v in row])
            sheet.append(["合计", *[""] * (len(table.columns) - 2), table.total()])
            sheet.column_dimensions["A"].width = 20
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        name = f"稿件统计-{found.start:%Y%m%d}-{found.end:%Y%m%d}.xlsx"
        response["Content-Disposition"] = (
            f"attachment; filename=statistics.xlsx; filename*=UTF-8''{quote(name)}"
        )
        return response

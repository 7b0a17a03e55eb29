"""A report as an Excel workbook: 汇总 (every check and its result) and 明细 (the
rows behind each check: articles, links, pages)."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .report import FAIL, WARN, checks_of

FILLS = {
    FAIL: PatternFill("solid", fgColor="F8D7DA"),
    WARN: PatternFill("solid", fgColor="FFF3CD"),
}
BOLD = Font(bold=True)


def text_cell(value):
    """Text as text: a cell starting with = would be a formula in Excel."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def workbook(report):
    """The report's workbook, as bytes."""
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    when = timezone.localtime(report.created_at)
    summary.append([f"迎检自查报告　{when:%Y-%m-%d %H:%M}　用时 {report.seconds} 秒"])
    summary.append([f"不合格 {report.failures} 项，提示 {report.warnings} 项"])
    summary.append([])
    summary.append(["类别", "检查项", "标准", "结果", "说明", "问题数"])
    for cell in summary[4]:
        cell.font = BOLD
    details = book.create_sheet("明细")
    details.append(["类别", "检查项", "结果", "明细"])
    for cell in details[1]:
        cell.font = BOLD
    for check in checks_of(report):
        summary.append(
            [
                text_cell(check.section),
                text_cell(check.name),
                text_cell(check.rule),
                check.status_label,
                text_cell(check.detail),
                len(check.rows),
            ]
        )
        if check.status in FILLS:
            summary.cell(summary.max_row, 4).fill = FILLS[check.status]
        if check.rows:
            details.append(["", "", "", *map(text_cell, check.columns)])
            for cell in details[details.max_row]:
                cell.font = BOLD
            for row in check.rows:
                details.append(
                    [
                        check.section,
                        check.name,
                        check.status_label,
                        *map(text_cell, row),
                    ]
                )
    for sheet, widths in ((summary, [14, 18, 36, 8, 60, 8]), (details, [14, 16, 8])):
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
    for column in "DEFGH":
        details.column_dimensions[column].width = 40
    for row in summary.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()

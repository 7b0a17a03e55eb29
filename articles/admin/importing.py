"""Importing a printed page: upload, preview (a dry run), store as drafts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from articles.editorial.importer import EditionError, import_edition, read
from articles.forms import ImportEditionForm


class ImportViewMixin:
    def desk_routes(self):
        return [*super().desk_routes(), ("import/", self.import_view, "import")]

    def import_view(self, request):
        """Upload a plain-text page; preview it (dry run) or store it as drafts."""
        if not request.user.has_perm("articles.review_article"):
            raise PermissionDenied
        result = error = None
        form = ImportEditionForm(
            request.POST or None, request.FILES or None, request=request
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                result = import_edition(
                    read(data["file"].read(), data["file"].name),
                    edition_date=data["edition_date"],
                    page_number=data["page_number"],
                    page_name=data["page_name"],
                    actor=request.user,
                    dry_run=data["dry_run"],
                )
            except EditionError as exc:
                error = str(exc)
            else:
                if not data["dry_run"]:
                    flagged = (
                        f"，其中 {len(result.flagged)} 篇标为“需人工处理”"
                        if result.flagged
                        else ""
                    )
                    messages.success(
                        request,
                        f"已导入 {len(result.drafts)} 篇草稿"
                        f"{flagged}，跳过已存在的 {len(result.skipped)} 篇。",
                    )
        context = self.desk_context(
            request,
            "导入版面稿件",
            form=form,
            result=result,
            error=error,
            dry_run=form.cleaned_data.get("dry_run")
            if form.is_bound and form.is_valid()
            else False,
        )
        return TemplateResponse(request, "admin/articles/article/import.html", context)

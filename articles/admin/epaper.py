"""The e-paper at the desk: editions and their pages, the upload of a day's PDFs
(and copy), and the region tool (热区) in which an editor checks the proposed
regions over the page, drags their corners, draws new ones and links each to an
article."""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from articles.epaper import pages as epaper_pages
from articles.epaper.pdf import PdfError
from articles.forms import EpaperUploadForm
from articles.models import Article, Edition, Page
from newsroom.inputs import object_id


class PageInline(admin.TabularInline):
    model = Page
    fields = ["number", "name", "has_text", "region_count"]
    readonly_fields = ["has_text", "region_count"]
    extra = 0
    can_delete = True
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False  # pages come from PDFs: 上传版面 PDF

    @admin.display(description="热区")
    def region_count(self, page):
        return page.regions.count() if page.pk else 0


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "number", "total_number", "published", "pages"]
    list_filter = ["published"]
    date_hierarchy = "date"
    fields = ["date", "number", "total_number", "published"]
    inlines = [PageInline]
    # The change form lists the pages with a link to each one's region tool.
    change_form_template = "admin/articles/edition/change_form.html"

    @admin.display(description="版数")
    def pages(self, edition):
        return edition.pages.count()

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="articles_edition_upload"),
            path(
                "page/<str:page_id>/regions/",
                view(self.regions_view),
                name="articles_edition_regions",
            ),
            path(
                "article-search/",
                view(self.article_search_view),
                name="articles_edition_article_search",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def upload_view(self, request):
        """A day's PDFs (one per page, or the whole edition) and, optionally, its
        copy: drafts placed on their pages, pages rendered, regions proposed."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = EpaperUploadForm(
            request.POST or None, request.FILES or None, request=request
        )
        error = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                imported, result = epaper_pages.import_day(
                    day=data["date"],
                    pdfs=[(f.name, f.read()) for f in data["pdfs"]],
                    texts=[(f.name, f.read()) for f in data["texts"]],
                    actor=request.user,
                    expected=data["pages"],
                    number=data["number"],
                    total_number=data["total_number"],
                )
            except PdfError as exc:
                error = str(exc)
            else:
                return self._uploaded(request, data, imported, result)
        return TemplateResponse(
            request,
            "admin/articles/edition/upload.html",
            self._context(request, "上传数字报版面", form=form, error=error),
        )

    def _uploaded(self, request, data, imported, result):
        edition = result.edition
        if data["publish"] and not edition.published:
            edition.published = True
            edition.save()
        drafts = sum(len(r.drafts) for r in imported)
        messages.success(
            request,
            f"{edition}：已生成 {len(result.pages)} 个版面，自动标出 "
            f"{result.proposed} 个热区"
            + (f"，导入草稿 {drafts} 篇" if drafts else "")
            + "。请逐版核对热区。",
        )
        for number in result.without_text:
            messages.warning(
                request,
                f"第{number}版的 PDF 没有文字层（可能是扫描件），无法自动标出稿件"
                "区域，请在热区工具里手工画出。",
            )
        return redirect("admin:articles_edition_change", edition.pk)

    def _page_or_404(self, request, page_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(
            Page.objects.select_related("edition"), pk=object_id(page_id)
        )

    def regions_view(self, request, page_id):
        """The page with its regions: GET shows the tool, POST (JSON) saves."""
        page = self._page_or_404(request, page_id)
        if request.method == "POST":
            return self._save_regions(request, page)
        regions = [
            {
                "article": r.article_id,
                "title": r.article.title,
                "status": r.article.get_status_display(),
                "points": r.points,
                "proposed": r.proposed,
            }
            for r in page.regions.select_related("article")
        ]
        placed = Article.objects.filter(
            edition_date=page.edition.date, page_number=page.number
        ).order_by("page_order", "pk")
        siblings = list(page.edition.pages.order_by("number"))
        return TemplateResponse(
            request,
            "admin/articles/edition/regions.html",
            self._context(
                request,
                f"标注热区：{page.edition} {page}",
                page=page,
                edition=page.edition,
                siblings=siblings,
                regions_json=regions,
                placed=[
                    {"id": a.pk, "title": a.title, "status": a.get_status_display()}
                    for a in placed
                ],
            ),
        )

    def _save_regions(self, request, page):
        try:
            regions = json.loads(request.body or b"null")
            saved = epaper_pages.save_regions(
                page=page,
                regions=regions.get("regions") if isinstance(regions, dict) else None,
                articles=Article.objects.all(),
            )
        except (ValueError, epaper_pages.RegionsError) as exc:
            message = str(exc) if isinstance(exc, epaper_pages.RegionsError) else ""
            return JsonResponse({"error": message or "热区数据无效。"}, status=400)
        return JsonResponse(
            {"saved": len(saved), "message": f"已保存 {len(saved)} 个热区。"}
        )

    def article_search_view(self, request):
        """Articles whose title holds the term, newest edition first, for linking."""
        if not self.has_change_permission(request):
            return JsonResponse({"error": "无权限"}, status=403)
        term = request.GET.get("term", "").replace("\x00", "").strip()[:100]
        if not term:
            return JsonResponse({"results": []})
        found = Article.objects.filter(title__icontains=term).order_by(
            "-edition_date", "-pk"
        )[:20]
        return JsonResponse(
            {
                "results": [
                    {
                        "id": a.pk,
                        "title": a.title,
                        "status": a.get_status_display(),
                    }
                    for a in found
                ]
            }
        )

"""The JSON endpoints the article form's script calls (articles/desk.js): tag
autocomplete, body image upload (each upload a record of the media library),
searching the library for an image to reuse, autosave."""

import json

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.http.request import RawPostDataException
from django.utils import timezone

from articles import services
from articles.forms import AUTOSAVED_FIELDS
from articles.models import ArticleAutosave, MediaImage, visible_tags
from newsroom import images, uploads
from newsroom.inputs import object_id


class EndpointsMixin:
    def desk_routes(self):
        return [
            *super().desk_routes(),
            ("tag-autocomplete/", self.tag_autocomplete_view, "tag_autocomplete"),
            ("upload-image/", self.upload_image_view, "upload_image"),
            ("media-search/", self.media_search_view, "media_search"),
            ("autosave/", self.autosave_view, "autosave"),
        ]

    def tag_autocomplete_view(self, request):
        """select2's JSON for the tag box: existing tags containing the term."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": "无权限"}, status=403)
        term = request.GET.get("term", "").replace("\x00", "").strip()[:100]
        tags = visible_tags(request.user).order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        names = list(tags.values_list("name", flat=True)[:20])
        return JsonResponse(
            {
                "results": [{"id": n, "text": n} for n in names],
                "pagination": {"more": False},
            }
        )

    @staticmethod
    def _may_write(request):
        return request.user.has_perm("articles.add_article") or request.user.has_perm(
            "articles.change_article"
        )

    def upload_image_view(self, request):
        """Store an image for the article body; answer with its URL."""
        if request.method != "POST":
            return JsonResponse({"error": "只接受 POST。"}, status=405)
        if not self._may_write(request):
            return JsonResponse({"error": "无权上传图片。"}, status=403)
        upload = request.FILES.get("image")
        if "image" in uploads.refused_fields(request):
            return JsonResponse({"error": uploads.refused_message()}, status=400)
        if upload is None:
            return JsonResponse({"error": "请选择要上传的图片。"}, status=400)
        try:
            image = images.clean_upload(upload)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        now = timezone.localtime()
        name = default_storage.save(f"body/{now:%Y/%m}/{image.name}", image)
        caption = request.POST.get("caption", "").strip()[:300]
        MediaImage.objects.create(
            file=name,
            caption=caption,
            alt=request.POST.get("alt", "").strip()[:300] or caption,
            uploaded_by=request.user,
        )
        return JsonResponse({"url": default_storage.url(name)})

    def media_search_view(self, request):
        """The newest library images matching ``q``, to insert into a body."""
        if not request.user.has_perm("articles.view_mediaimage"):
            return JsonResponse({"error": "无权限"}, status=403)
        term = request.GET.get("q", "").replace("\x00", "")[:100]
        found = MediaImage.objects.search(term)[:12]
        return JsonResponse(
            {
                "results": [
                    {
                        "url": image.file.url,
                        "caption": image.caption,
                        "alt": image.alt,
                        "credit": image.credit,
                    }
                    for image in found
                ]
            }
        )

    def autosave_view(self, request):
        """Keep what the user is typing; POST JSON {article, data} or {discard}."""
        if request.method != "POST":
            return JsonResponse({"error": "只接受 POST。"}, status=405)
        try:
            payload = json.loads(request.body or b"{}")
        except (ValueError, RawPostDataException):
            payload = None  # not JSON, or a form whose body was already read
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(payload, dict) or not isinstance(data or {}, dict):
            return JsonResponse({"error": "数据格式错误。"}, status=400)
        article = None
        if payload.get("article"):
            try:
                pk = object_id(payload["article"])
            except Http404:
                return JsonResponse({"error": "没有这篇稿件。"}, status=404)
            article = self.get_queryset(request).filter(pk=pk).first()
            if article is None or not services.can_edit(request.user, article):
                return JsonResponse({"error": "无权修改该稿件。"}, status=403)
        elif not request.user.has_perm("articles.add_article"):
            return JsonResponse({"error": "无权新建稿件。"}, status=403)
        if payload.get("discard"):
            ArticleAutosave.objects.filter(user=request.user, article=article).delete()
            return JsonResponse({"discarded": True})
        data = data or {}
        # PostgreSQL's jsonb holds no NUL character.
        data = {
            name: str(data.get(name, "")).replace("\x00", "")[:200_000]
            for name in AUTOSAVED_FIELDS
        }
        autosave, _ = ArticleAutosave.objects.update_or_create(
            user=request.user, article=article, defaults={"data": data}
        )
        saved = timezone.localtime(autosave.saved_at)
        return JsonResponse({"saved_at": f"{saved:%H:%M:%S}"})

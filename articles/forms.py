"""Forms: the article form of the desk (with tags, lock version, correction note
and autosave fields), the form of a step taken for several articles at once, the
import forms (text; the e-paper's PDFs), and the public search form."""

import re

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom import images, uploads
from newsroom.inputs import safe_date
from people.models import Department, Official
from people.names import person_name

from .editorial.sanitizer import sanitize_body
from .models import Article, ArticleAutosave, Byline
from .rules import BACKDATE_MARGIN


class TagAutocompleteWidget(AutocompleteSelectMultiple):
    """The admin's select2 autocomplete, in "tags" mode: pick existing tags or type new.

    Options carry tag *names* as values, so a new tag and an existing one arrive in
    the same shape and taggit's ``set()`` takes them as they are.
    """

    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_article_tag_autocomplete")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-tags"] = "true"
        attrs["data-token-separators"] = '[",", "，", "、"]'
        return attrs

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        return [getattr(tag, "name", tag) for tag in value if str(tag).strip()]

    def optgroups(self, name, value, attrs=None):
        options = [
            self.create_option(name, tag, tag, True, index)
            for index, tag in enumerate(value)
        ]
        return [(None, options, 0)]


class TagNamesField(forms.Field):
    """A list of tag names; blank and repeated names are dropped."""

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        names = []
        for item in value:
            name = " ".join(str(getattr(item, "name", item)).split())
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
        return names

    def validate(self, value):
        super().validate(value)
        too_long = [name for name in value if len(name) > 100]
        if too_long:
            raise forms.ValidationError(
                "标签不能超过 100 个字：%(tag)s", params={"tag": too_long[0]}
            )


# The rich-text editor's features; the sanitizer's allow-list (sanitizer.py) covers
# everything these produce.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Image": True,
    # A body image with its caption (图片说明) and alternative text.
    "Figure": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}
# A picture in pasted copy that points at the writer's own disk (Word's file://
# addresses, a browser's blob: or data: URLs): the sanitizer drops it.
LOCAL_IMAGE = re.compile(r"""<img[^>]*\ssrc\s*=\s*["']?(?:file:|blob:|data:)""", re.I)
# What the editor autosaves while typing, and restores.
AUTOSAVED_FIELDS = ["kicker", "title", "subtitle", "summary", "body"]
# Fields whose change on a published article is a correction that needs a note.
CORRECTED_FIELDS = [
    "kicker",
    "title",
    "subtitle",
    "summary",
    "body",
    "image",
    "image_caption",
]


class ArticleAdminForm(forms.ModelForm):
    body = ProseEditorFormField(
        label="正文",
        required=False,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        preset="configurable",
        widget=AdminProseEditorWidget,
        sanitize=sanitize_body,
        help_text="可直接粘贴文字；保存时自动清理不安全的内容。",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_note = forms.CharField(
        label="更正说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="修改已发布的稿件时必填，将以“更正说明”显示在稿件末尾。",
    )

    class Meta:
        model = Article
        fields = [
            "kicker",
            "title",
            "subtitle",
            "slug",
            "source",
            "summary",
            "body",
            "image",
            "image_caption",
            "tags",
            "officials",
            "departments",
            "published_at",
            "featured",
            "edition_date",
            "page_number",
            "page_name",
            "page_order",
            "import_notes",
        ]
        field_classes = {"image": images.ImageUploadField}
        widgets = {
            "import_notes": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 60}),
            "kicker": forms.TextInput(attrs={"class": "vLargeTextField", "size": 60}),
            "subtitle": forms.TextInput(attrs={"class": "vLargeTextField", "size": 60}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "expected_version" in self.fields:
            self.fields["expected_version"].initial = self.instance.lock_version

    def clean_published_at(self):
        """The form shows the time to the minute; an untouched time keeps its
        seconds, so saving a published article does not move it in the lists."""
        value = self.cleaned_data.get("published_at")
        stored = self.instance.published_at if self.instance.pk else None
        if value and stored and value == stored.replace(second=0, microsecond=0):
            return stored
        user = getattr(self, "user", None)
        past = value and value < timezone.now() - BACKDATE_MARGIN
        if past and user is not None and not user.has_perm("articles.backdate_article"):
            raise forms.ValidationError(
                "发布时间早于现在即为倒签，须有倒签权限（总编辑）；"
                "请留空（签发时取当时）或填写以后的时间。"
            )
        return value

    def clean_body(self):
        """A body longer than a newspaper would print is refused before the
        sanitizer and the checks spend seconds on it."""
        body = self.cleaned_data.get("body") or ""
        limit = settings.MAX_BODY_CHARACTERS
        if len(body) > limit:
            raise forms.ValidationError(
                f"正文过长：{len(body):,} 个字符，最多 {limit:,} 个。请分成几篇稿件。"
            )
        return body

    def dropped_images(self):
        """How many pictures of the submitted body could not be kept (local files);
        the desk tells the writer to upload them."""
        if not self.is_bound:
            return 0
        return len(LOCAL_IMAGE.findall(str(self.data.get("body", ""))))

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and isinstance(image, UploadedFile):
            return images.clean_upload(image)
        return image

    def clean(self):
        cleaned = super().clean()
        uploads.add_refused_errors(self)
        self._refuse_stale_save(cleaned)
        if (
            "correction_note" in self.fields
            and self.instance.pk
            and self.instance.status == Article.Status.PUBLISHED
            and any(name in self.changed_data for name in CORRECTED_FIELDS)
            and not cleaned.get("correction_note", "").strip()
        ):
            self.add_error("correction_note", "修改已发布的稿件，请填写更正说明。")
        return cleaned

    def _keep_as_autosave(self):
        """Keep the refused edit where the editor can get it back later."""
        user = getattr(self, "user", None)
        if user is None:
            return
        ArticleAutosave.objects.update_or_create(
            user=user,
            article=self.instance,
            defaults={
                "data": {name: self.data.get(name, "") for name in AUTOSAVED_FIELDS}
            },
        )

    def _refuse_stale_save(self, cleaned):
        """Refuse a save based on an older copy than the one in the database."""
        if not self.instance.pk or "expected_version" not in self.fields:
            return
        expected = cleaned.get("expected_version")
        # Lock the row for the rest of the admin's transaction, so no other save
        # can slip in between this check and our own save.
        current = (
            Article.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .get(pk=self.instance.pk)
        )
        if expected is None or expected != current.lock_version:
            self._keep_as_autosave()
            who = person_name(current.updated_by) or "其他人"
            when = timezone.localtime(current.updated_at)
            raise forms.ValidationError(
                "保存失败：%(who)s 已于 %(when)s 保存过这篇稿件，您打开的是较早的版本。"
                "您的修改仍在下面的表单中，并已存入“自动保存”；"
                "请在新窗口打开最新版本核对后再修改，两人的内容都不会丢失。",
                code="stale",
                params={"who": who, "when": f"{when:%Y-%m-%d %H:%M:%S}"},
            )


class ImportEditionForm(forms.Form):
    file = forms.FileField(
        label="版面文字",
        help_text="纯文本（UTF-8 或 GBK/GB18030，自动识别）或 Word 文档（.docx）。"
        "电头（本报讯、XX讯、XX电）、署名、图片说明、版面信息都能识别；"
        "没有电头的稿件按标题和正文的格式拆分。",
    )
    edition_date = forms.DateField(
        label="见报日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    page_number = forms.IntegerField(
        label="版次", min_value=1, max_value=999, required=False
    )
    page_name = forms.CharField(label="版名", max_length=50, required=False)
    dry_run = forms.BooleanField(
        label="只预览，不保存",
        required=False,
        initial=True,
        help_text="先预览核对，再取消勾选正式导入。",
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = "file" in uploads.refused_fields(request)
        if self.refused:
            # Say why the file is missing, rather than that it is required.
            self.fields["file"].required = False

    def clean_file(self):
        if self.refused:
            raise forms.ValidationError(uploads.refused_message())
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(
                "文件超过 2 MB，一个版面的文字不会这么大，请检查文件。"
            )
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked as a FileField checks one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class EpaperUploadForm(forms.Form):
    """A day's e-paper: the pages' PDFs and, if the text is not imported yet, the
    pages' copy."""

    date = forms.DateField(
        label="出版日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    pdfs = MultipleFileField(
        label="版面 PDF",
        help_text="排版系统导出的 PDF：每版一个文件（按文件名中的版次排序，如"
        "“第2版.pdf”），或整期一个文件（自动拆分为各版）。",
    )
    texts = MultipleFileField(
        label="版面文字（可选）",
        required=False,
        help_text="同时导入各版稿件为草稿：纯文本或 Word 文档，文件名含版次"
        "（如“第2版.txt”）。稿件已导入的不必再选。",
    )
    pages = forms.IntegerField(
        label="版数", min_value=1, max_value=99, required=False,
        help_text="填写后核对 PDF 的页数，不符则不导入。",
    )  # fmt: skip
    number = forms.IntegerField(
        label="期号", min_value=1, max_value=9999, required=False,
        help_text="留空则接续当年上一期。",
    )  # fmt: skip
    total_number = forms.IntegerField(
        label="总期号", min_value=1, max_value=999999, required=False
    )
    publish = forms.BooleanField(
        label="导入后立即发布",
        required=False,
        help_text="不勾选则先在后台核对热区，再在期次页勾选“已发布”。",
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = uploads.refused_fields(request)
        for name in self.refused & {"pdfs", "texts"}:
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        for name in self.refused & {"pdfs", "texts"}:
            self.add_error(name, uploads.refused_message())
        return data


class SearchForm(forms.Form):
    """The public search form. The official and department filters are written
    out by the template from a list kept per content version (SearchView.choices);
    the form only validates what comes back."""

    q = forms.CharField(label="关键词", max_length=100, required=False)
    start = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    official = forms.ModelChoiceField(
        label="领导",
        queryset=Official.objects.all(),
        to_field_name="slug",
        required=False,
    )
    department = forms.ModelChoiceField(
        label="部门",
        queryset=Department.objects.all(),
        to_field_name="slug",
        required=False,
    )

    def _date_in_range(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and safe_date(value) is None:
            raise forms.ValidationError("日期超出范围。")
        return value

    def clean_start(self):
        return self._date_in_range("start")

    def clean_end(self):
        return self._date_in_range("end")


class BulkStepForm(forms.Form):
    """What a step taken for several articles at once asks (articles/admin/bulk):
    one comment for all of them, and for scheduling the publication time."""

    comment = forms.CharField(
        label="意见", required=False, max_length=2000, widget=forms.Textarea
    )
    publish_at = forms.DateTimeField(
        label="发布时间",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )

    def __init__(self, *args, comment_required=False, schedule=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required
        self.fields["publish_at"].required = schedule
        if not schedule:
            del self.fields["publish_at"]

    def clean_publish_at(self):
        when = self.cleaned_data.get("publish_at")
        if when is not None and when <= timezone.now():
            raise forms.ValidationError("定时发布的时间须晚于现在。")
        return when


class StatisticsForm(forms.Form):
    """The statistics page's filters (articles/statistics.py); a bad value is a
    message on the form, never an error page."""

    start = forms.DateField(
        label="起始日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="截止日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    department = forms.ModelChoiceField(
        label="涉及部门",
        queryset=Department.objects.order_by("order", "name"),
        required=False,
        empty_label="全部部门",
    )
    role = forms.ChoiceField(
        label="署名身份",
        choices=[("", "全部身份"), *Byline.Role.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name in ("start", "end"):
            if data.get(name) and safe_date(data[name]) is None:
                self.add_error(name, "日期超出范围。")
        if start and end and start > end:
            self.add_error("end", "截止日期不能早于起始日期。")
        return data

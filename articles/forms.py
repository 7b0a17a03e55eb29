from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from .models import Article


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


class ArticleAdminForm(forms.ModelForm):
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
            "status",
            "published_at",
            "featured",
            "edition_date",
            "page_number",
            "page_name",
            "page_order",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 60}),
            "kicker": forms.TextInput(attrs={"class": "vLargeTextField", "size": 60}),
            "subtitle": forms.TextInput(attrs={"class": "vLargeTextField", "size": 60}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField"}),
        }

    def clean_image(self):
        image = self.cleaned_data.get("image")
        limit = settings.MAX_IMAGE_UPLOAD_BYTES
        if image and getattr(image, "size", 0) > limit:
            raise forms.ValidationError(
                "图片过大（%(size)s），请上传不超过 %(limit)s 的图片。",
                params={
                    "size": filesizeformat(image.size),
                    "limit": filesizeformat(limit),
                },
            )
        return image

"""Validation and re-encoding of uploaded images (lead and body images, leaders'
photos).

Only real JPEG, PNG and WebP files are accepted, with an extension that matches
their content, within a hard byte size and a pixel count; the stored file is always a
fresh encoding under a name the server chose, scaled down until it is within
``MAX_IMAGE_UPLOAD_BYTES`` when the upload is larger (a camera's photo is not
refused, it is made smaller), so nothing the uploader embedded
(metadata, trailing payloads) survives. Pillow opens an upload with only those three
decoders (``formats=``): a file crafted for one of its many other decoders (PSD,
TGA, ICNS…) is never parsed. ``ImageUploadField`` replaces Django's form field,
which would open it with every decoder Pillow has.
"""

import io
import os
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {
    "JPEG": {
        "extensions": {".jpg", ".jpeg"},
        "save": {"quality": 88, "optimize": True},
    },
    "PNG": {"extensions": {".png"}, "save": {"optimize": True}},
    "WEBP": {"extensions": {".webp"}, "save": {"quality": 88}},
}
ACCEPTED = tuple(FORMATS)
KEPT_INFO = {"icc_profile", "transparency", "dpi"}
EXTENSION_FOR = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def max_bytes():
    return settings.MAX_IMAGE_UPLOAD_BYTES


def hard_limit():
    """No upload larger than this is read at all, not even to be scaled down."""
    return max(settings.MAX_IMAGE_HARD_BYTES, max_bytes())


def max_pixels():
    return settings.MAX_IMAGE_PIXELS


def validate_image(upload):
    """Check an upload; return its Pillow format name or raise ValidationError."""
    if upload.size > hard_limit():
        raise ValidationError(
            "图片过大（%(size)s），最大只能上传 %(limit)s 的图片"
            "（超过 %(soft)s 的会自动缩小）。",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(hard_limit()),
                "soft": filesizeformat(max_bytes()),
            },
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=ACCEPTED) as image:
                image_format = image.format
                width, height = image.size
                if width * height > max_pixels():
                    raise ValidationError(
                        "图片尺寸过大（%(w)s×%(h)s 像素），请缩小后再上传。",
                        params={"w": width, "h": height},
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow warns between one and two times its limit and refuses above it;
        # both are refused here, before any pixel is decoded.
        raise ValidationError(
            "图片像素过多（超过 %(limit)s 万像素），可能是恶意构造的文件，未上传。",
            params={"limit": max_pixels() // 10_000},
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            "无法识别的图片文件。请上传 JPEG、PNG 或 WebP 图片。"
        ) from exc
    except Exception as exc:  # truncated or corrupt data raises many kinds of errors
        raise ValidationError("图片文件已损坏，无法读取。") from exc
    finally:
        upload.seek(0)
    if image_format not in FORMATS:
        raise ValidationError("只接受 JPEG、PNG 或 WebP 格式的图片。")
    if extension not in FORMATS[image_format]["extensions"]:
        raise ValidationError(
            "文件扩展名“%(ext)s”与图片实际格式（%(fmt)s）不符。",
            params={"ext": extension or "无", "fmt": image_format},
        )
    return image_format


def reencode(upload, image_format):
    """A fresh encoding of a validated upload, named by the server."""
    upload.seek(0)
    with Image.open(upload, formats=ACCEPTED) as opened:
        # Turn the pixels the way the camera's orientation tag says, then keep
        # nothing of the upload's metadata (comments, EXIF, text chunks, XMP) but
        # what the picture needs to look right: Pillow would otherwise copy some of
        # it across.
        image = ImageOps.exif_transpose(opened)
        image.info = {
            key: value for key, value in image.info.items() if key in KEPT_INFO
        }
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        if upload.size > max_bytes():
            # Start near the size that will fit rather than encode it whole first.
            image = _scaled(image, (max_bytes() / upload.size) ** 0.5)
        data = _fitted(image, image_format)
    upload.seek(0)
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{EXTENSION_FOR[image_format]}")


def _encode(image, image_format, smaller=False):
    options = dict(FORMATS[image_format]["save"])
    if smaller and "quality" in options:
        options["quality"] = 80
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def _scaled(image, factor):
    factor = min(0.95, max(0.5, factor))
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _fitted(image, image_format, attempts=8):
    """An encoding within ``MAX_IMAGE_UPLOAD_BYTES``: smaller each time it is not
    (and, for JPEG and WebP, at a slightly lower quality)."""
    data = _encode(image, image_format)
    for _ in range(attempts):
        if len(data) <= max_bytes():
            return data
        image = _scaled(image, (max_bytes() / len(data)) ** 0.5 * 0.95)
        data = _encode(image, image_format, smaller=True)
    if len(data) <= max_bytes():
        return data
    raise ValidationError(
        "图片缩小后仍超过 %(limit)s，请换一张图片。",
        params={"limit": filesizeformat(max_bytes())},
    )


def clean_upload(upload):
    """Validate and re-encode in one step, as forms and the upload view need."""
    return reencode(upload, validate_image(upload))


class ImageUploadField(forms.ImageField):
    """Django's image field without its own ``Image.open`` (every decoder Pillow
    has): the upload is checked by ``validate_image`` with the accepted ones only.
    Forms re-encode it in their ``clean_<field>`` (``clean_upload``)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        try:
            validate_image(upload)
        except ValidationError as error:
            raise ValidationError(error.messages, code="invalid_image") from error
        return upload

"""Resized copies of uploaded images, made once and reused.

Pages never send an original upload: they ask for renditions of a few widths, in
WebP and in the original's format, generated on first use, stored next to the media
through Django's storage API, and remembered in the cache.
"""

import hashlib
import io
import logging
import posixpath

from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from newsroom import images
from newsroom.caching import keys

WIDTHS = (320, 640, 960, 1280)
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82}),
}
CACHE_SECONDS = 7 * 24 * 3600
logger = logging.getLogger(__name__)


def _folder(name):
    stem = posixpath.splitext(posixpath.basename(name))[0][:40]
    digest = hashlib.sha1(name.encode()).hexdigest()[:10]
    return f"renditions/{digest}-{stem}"


def renditions(image_field):
    """{"ratio": h/w, "widths": [w…], "jpg": {w: url}, "webp": {w: url}} or None."""
    if not image_field:
        return None
    key = keys.renditions(image_field.name)
    found = cache.get(key)
    if found is None:
        found = _make(image_field)
        if found is not None:
            cache.set(key, found, CACHE_SECONDS)
    return found


def _make(image_field):
    storage = image_field.storage
    folder = _folder(image_field.name)
    try:
        with storage.open(image_field.name) as original:
            image = Image.open(original, formats=images.ACCEPTED)
            image = ImageOps.exif_transpose(image)
            image.load()
    except (OSError, ValueError):
        logger.warning("Cannot read image %s for renditions", image_field.name)
        return None
    width, height = image.size
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    widths = sorted(set(widths))
    result = {"ratio": height / width, "widths": widths, "jpg": {}, "webp": {}}
    for target in widths:
        resized = None
        for ext, (image_format, options) in FORMATS.items():
            path = f"{folder}/{target}.{ext}"
            if not storage.exists(path):
                if resized is None:
                    resized = image.copy()
                    resized.thumbnail((target, round(target * height / width)))
                    if resized.mode not in ("RGB", "L"):
                        resized = resized.convert("RGB")
                buffer = io.BytesIO()
                resized.save(buffer, image_format, **options)
                path = storage.save(path, ContentFile(buffer.getvalue()))
            result[ext][target] = storage.url(path)
    return result

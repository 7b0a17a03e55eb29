"""Uploads: a size limit while reading, pixel floods refused, fresh encodings."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse
from PIL import Image

from articles.models import Article
from newsroom import roles
from tests.factories import ArticleFactory
from tests.helpers import change_url, form_data, login, png_file

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:articles_article_upload_image")
PILLOW_LIMIT = Image.MAX_IMAGE_PIXELS  # 89,478,485 unless someone changed it


class RecordingHandler(FileUploadHandler):
    """Stands in for the handlers that store a file: counts what reaches them."""

    received = 0

    def receive_data_chunk(self, raw_data, start):
        RecordingHandler.received += len(raw_data)
        return None

    def file_complete(self, file_size):
        return None


@pytest.fixture
def reporter(make_user):
    return make_user(roles.REPORTER, "reporter")


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def flood_png(width, height):
    """A valid greyscale PNG of the given size whose pixels compress to almost
    nothing: a few hundred kilobytes that would decode to width × height bytes."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    data = b"".join(compressor.compress(row) for _ in range(height))
    data += compressor.flush()

    def chunk(kind, payload):
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


class TestSizeLimitWhileReading:
    def test_an_oversized_file_is_cut_off_before_it_is_held(self, reporter, settings):
        settings.MAX_UPLOAD_BYTES = 1024 * 1024
        settings.FILE_UPLOAD_HANDLERS = [
            "newsroom.uploads.SizeLimitedUploadHandler",
            "tests.test_uploads.RecordingHandler",
        ]
        RecordingHandler.received = 0
        big = SimpleUploadedFile("big.png", b"\x89PNG" + b"\x00" * (6 * 1024 * 1024))

        response = login(reporter).post(UPLOAD_URL, {"image": big})

        assert response.status_code == 400
        assert "文件过大" in response.json()["error"]
        # What reached the storing handlers stops at the limit (plus one chunk),
        # not at the six megabytes sent.
        assert RecordingHandler.received <= 1024 * 1024 + 64 * 1024
        assert media_files(settings) == []

    def test_without_the_limit_the_whole_file_would_be_read(self, reporter, settings):
        # The measurement above is real: the same request without the limiting
        # handler hands every byte on.
        settings.FILE_UPLOAD_HANDLERS = ["tests.test_uploads.RecordingHandler"]
        RecordingHandler.received = 0
        big = SimpleUploadedFile("big.png", b"\x00" * (6 * 1024 * 1024))

        login(reporter).post(UPLOAD_URL, {"image": big})

        assert RecordingHandler.received >= 6 * 1024 * 1024

    def test_the_article_form_says_why_and_keeps_what_was_typed(
        self, reporter, settings
    ):
        settings.MAX_UPLOAD_BYTES = 64 * 1024
        article = ArticleFactory(author=reporter, status=Article.Status.DRAFT)
        client = login(reporter)
        data = form_data(client.get(change_url(article)))
        data["title"] = "改过但还没保存的标题"
        data["image"] = SimpleUploadedFile("lead.jpg", b"\xff\xd8" + b"1" * 300_000)

        response = client.post(change_url(article), data)

        assert response.status_code == 200
        page = response.content.decode()
        assert "文件过大" in page
        assert 'value="改过但还没保存的标题"' in page
        article.refresh_from_db()
        assert article.title != "改过但还没保存的标题" and not article.image
        assert media_files(settings) == []

    def test_the_import_form_says_why(self, make_user, settings):
        settings.MAX_UPLOAD_BYTES = 1024
        editor = make_user(roles.EDITOR, "editor")
        url = reverse("admin:articles_article_import")
        text = SimpleUploadedFile("page.txt", "区领导调研。\n".encode() * 500)

        response = login(editor).post(
            url, {"file": text, "edition_date": "2024-01-05", "dry_run": "on"}
        )

        assert response.status_code == 200
        assert "文件过大" in response.content.decode()
        assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("pixels", "message"),
    [
        (50_000_000, "尺寸过大"),  # above the site's own limit, below Pillow's
        (int(PILLOW_LIMIT * 1.12), "像素过多"),  # Pillow only warns here
        (int(PILLOW_LIMIT * 2.5), "像素过多"),  # Pillow refuses here
    ],
)
def test_pixel_floods_are_refused_with_a_message_and_nothing_stored(
    reporter, settings, pixels, message
):
    side = int(pixels**0.5) + 1
    flood = io.BytesIO(flood_png(side, side))
    flood.name = "flood.png"
    assert len(flood.getvalue()) < settings.MAX_UPLOAD_BYTES  # small on the wire

    response = login(reporter).post(UPLOAD_URL, {"image": flood})

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert media_files(settings) == []


def test_a_pixel_flood_as_lead_image_is_refused_in_the_form(reporter, settings):
    article = ArticleFactory(author=reporter, status=Article.Status.DRAFT)
    client = login(reporter)
    data = form_data(client.get(change_url(article)))
    data["image"] = SimpleUploadedFile(
        "lead.png", flood_png(10_000, 10_000), content_type="image/png"
    )

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert "像素过多" in response.content.decode()
    article.refresh_from_db()
    assert not article.image
    assert media_files(settings) == []


def test_stored_images_are_fresh_encodings_without_what_was_embedded(
    reporter, settings
):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(
        buffer, "JPEG", comment=b"SECRET-COMMENT", exif=b"Exif\x00\x00SECRET-EXIF"
    )
    # A payload appended after the image's end marker.
    upload = io.BytesIO(buffer.getvalue() + b"<script>SECRET-TRAILER</script>")
    upload.name = "会议现场.jpg"

    response = login(reporter).post(UPLOAD_URL, {"image": upload})

    assert response.status_code == 200
    [stored] = media_files(settings)
    data = stored.read_bytes()
    for secret in (b"SECRET-COMMENT", b"SECRET-EXIF", b"SECRET-TRAILER"):
        assert secret not in data
    assert Image.open(stored).size == (64, 48)
    assert stored.suffix == ".jpg" and len(stored.stem) == 32  # a server-made name


def test_a_real_image_under_the_limit_still_goes_through(reporter):
    response = login(reporter).post(UPLOAD_URL, {"image": png_file()})

    assert response.status_code == 200


def test_a_phone_photo_is_turned_upright_and_transparency_is_kept(reporter, settings):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    Image.new("RGB", (60, 40), (200, 10, 10)).save(buffer, "JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = "phone.jpg"
    logo = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(logo, "PNG")
    logo.seek(0)
    logo.name = "logo.png"
    client = login(reporter)

    upright = client.post(UPLOAD_URL, {"image": buffer}).json()["url"]
    clear = client.post(UPLOAD_URL, {"image": logo}).json()["url"]

    root = Path(settings.MEDIA_ROOT)
    assert Image.open(root / upright.removeprefix("/media/")).size == (40, 60)
    assert Image.open(root / clear.removeprefix("/media/")).getpixel((5, 5))[3] == 0


@pytest.mark.parametrize("pillow_format", ["BMP", "TGA", "TIFF", "GIF"])
def test_other_formats_are_never_decoded_by_the_form_or_the_upload_view(
    reporter, settings, pillow_format, monkeypatch
):
    """Pillow has decoders for dozens of formats, each a way in for a crafted
    file. An upload is opened with the JPEG, PNG and WebP decoders only, in the
    lead image's form field (not Django's, which opens it with all) and in the
    editor's upload view."""
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(buffer, pillow_format)
    opened = []
    real_open = Image.open

    def watching_open(fp, mode="r", formats=None):
        opened.append(formats)
        return real_open(fp, mode, formats)

    monkeypatch.setattr(Image, "open", watching_open)
    article = ArticleFactory(author=reporter, status=Article.Status.DRAFT)
    client = login(reporter)
    data = form_data(client.get(change_url(article)))
    data["image"] = SimpleUploadedFile("lead.png", buffer.getvalue(), "image/png")

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert "无法识别的图片文件" in response.content.decode()
    article.refresh_from_db()
    assert not article.image

    upload = io.BytesIO(buffer.getvalue())
    upload.name = "body.png"
    response = client.post(UPLOAD_URL, {"image": upload})
    assert response.status_code == 400
    assert "无法识别的图片文件" in response.json()["error"]
    assert opened and all(formats == ("JPEG", "PNG", "WEBP") for formats in opened)
    assert media_files(settings) == []

import io
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles import renditions
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    cache.clear()
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (20, 120, 200)).save(buffer, "JPEG")
    article = ArticleFactory(title="有图的稿件", featured=True)
    article.image.save("lead.jpg", ContentFile(buffer.getvalue()))
    return article


def test_renditions_are_made_once_and_reused(article):
    with mock.patch.object(default_storage, "save", wraps=default_storage.save) as save:
        first = renditions.renditions(article.image)
        made = save.call_count
        cache.clear()  # even without the cache, stored files are not made again
        second = renditions.renditions(article.image)

    assert made == len(renditions.WIDTHS) * 2
    assert save.call_count == made
    assert first == second
    assert first["widths"] == [320, 640, 960, 1280]
    with default_storage.open(first["webp"][640].removeprefix("/media/")) as stored:
        image = Image.open(stored)
        assert (image.format, image.size) == ("WEBP", (640, 360))


def test_pages_send_renditions_never_the_original(client, article):
    original = article.image.url

    for url in ["/", article.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert 'type="image/webp"' in html, url
        assert "srcset=" in html
        assert original not in html, url


def test_a_broken_image_file_shows_no_picture_rather_than_an_error(client):
    cache.clear()
    article = ArticleFactory(title="坏图")
    article.image.save("broken.jpg", ContentFile(b"not an image"))

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "<picture>" not in response.content.decode()

"""网站设置 (#18 item 8): the newsroom's name, review levels and identifiers set by
a site admin in the admin, over the environment's defaults; kept with history;
cached until saved, and every public page rebuilt when they change."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles import services
from newsroom import identity, roles
from newsroom.caching import keys
from newsroom.caching.versions import tag_versions
from newsroom.models import SiteSettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
CHANGE = reverse("admin:newsroom_sitesettings_change", args=[1])


@pytest.fixture
def site_admin(make_user):
    return make_user(roles.SITE_ADMIN, "siteadmin", last_name="张", first_name="管理")


def form(**changes):
    data = {
        "name": "",
        "tagline": "",
        "review_levels": "",
        "sponsor": "",
        "organizer": "",
        "icp_number": "",
        "police_number": "",
        "site_code": "",
        "government_badge": "unknown",
        "government_badge_url": "",
        "address": "",
        "phone": "",
        "privacy_statement": "",
        "copyright_statement": "",
    }
    data.update(changes)
    return data


def test_without_a_row_every_value_is_the_environments(settings):
    settings.SITE_NAME = "环境区融媒体中心"
    settings.REVIEW_LEVELS = 2

    values = identity.current()

    assert (values.name, values.review_levels, values.icp_number) == (
        "环境区融媒体中心",
        2,
        "",
    )
    assert services.review_levels() == 2


def test_a_stored_value_wins_and_an_empty_one_falls_back(settings):
    settings.SITE_NAME = "环境区融媒体中心"
    settings.REVIEW_LEVELS = 1
    SiteSettings(review_levels=3, icp_number="豫ICP备1号").save()

    values = identity.current()

    assert values.review_levels == 3 and services.review_levels() == 3
    assert values.name == "环境区融媒体中心"
    assert values.icp_number == "豫ICP备1号"


def test_the_row_is_read_once_and_forgotten_when_saved(
    django_assert_num_queries, monkeypatch
):
    # As with Redis: a cache every process shares (the test's own stands in).
    monkeypatch.setattr(identity, "PER_PROCESS", ())
    SiteSettings(name="甲").save()
    identity.current()
    with django_assert_num_queries(0):
        assert identity.current().name == "甲"

    row = SiteSettings.load()
    row.name = "乙"
    row.save()

    assert identity.current().name == "乙"


def test_without_a_shared_cache_a_process_keeps_the_row_a_second(
    django_assert_max_num_queries, settings
):
    """Each gunicorn worker with its own cache (no CACHE_URL) would keep the review
    levels it read first: a process keeps the row only for LOCAL_SECONDS, and
    forgets it at once when it saves it itself."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    SiteSettings(review_levels=2).save()
    with django_assert_max_num_queries(1):
        assert [identity.current().review_levels for _ in range(20)] == [2] * 20

    # Another process saves: nothing tells this one; within the second it may
    # still answer 2, after it it answers 3.
    SiteSettings.objects.filter(pk=1).update(review_levels=3)
    identity._local["until"] = 0  # the second has passed
    assert identity.current().review_levels == 3

    # This process saves: seen at once.
    row = SiteSettings.load()
    row.review_levels = 1
    row.save()
    assert identity.current().review_levels == 1


def test_saving_the_settings_purges_every_public_page(commit):
    before = tag_versions([keys.SITE])[keys.SITE]

    commit(lambda: SiteSettings(phone="0371-1").save())

    assert tag_versions([keys.SITE])[keys.SITE] != before


def test_a_site_admin_changes_name_and_levels_on_one_page_with_history(
    client, site_admin, settings
):
    settings.REVIEW_LEVELS = 1
    client.force_login(site_admin)
    assert client.get(reverse("admin:newsroom_sitesettings_changelist"))[
        "Location"
    ].endswith("/newsroom/sitesettings/1/change/")

    response = client.post(CHANGE, form(name="新区融媒体中心", review_levels="3"))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert services.review_levels() == 3
    stored = SiteSettings.objects.get()
    assert stored.updated_by == site_admin
    [version] = Version.objects.get_for_object(stored)
    assert version.revision.user == site_admin
    history = client.get(reverse("admin:newsroom_sitesettings_history", args=[1]))
    page = history.content.decode()
    assert "张管理" in page and "审核级数" in page
    assert "新区融媒体中心 · 采编系统" in page  # the admin's header follows


def test_the_public_pages_show_the_new_name_at_once(
    client, site_admin, settings, commit
):
    settings.PUBLIC_PAGE_CACHE = True
    ArticleFactory(title="一篇稿件")
    assert "二七区融媒体中心" in client.get("/").content.decode()
    admin = type(client)()
    admin.force_login(site_admin)

    commit(
        lambda: admin.post(
            CHANGE, form(name="新区融媒体中心", icp_number="豫ICP备99号")
        )
    )

    page = client.get("/").content.decode()
    assert "新区融媒体中心" in page and "豫ICP备99号" in page


def test_editors_cannot_change_the_settings(client, make_user):
    client.force_login(make_user(roles.EDITOR, "editor"))

    assert client.get(CHANGE).status_code == 403
    assert client.post(CHANGE, form(review_levels="1")).status_code == 403
    assert not SiteSettings.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("review_levels", "7"),
        ("review_levels", "x"),
        ("site_code", "12345"),
        ("police_number", "豫公网安备号"),
        ("government_badge_url", "javascript:alert(1)"),
    ],
)
def test_bad_values_are_refused_with_a_message(client, site_admin, field, value):
    client.force_login(site_admin)

    response = client.post(CHANGE, form(**{field: value}))

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not SiteSettings.objects.exists()


def test_there_is_no_second_row_and_no_delete(client, site_admin):
    client.force_login(site_admin)

    assert client.get(reverse("admin:newsroom_sitesettings_add")).status_code == 403
    delete = reverse("admin:newsroom_sitesettings_delete", args=[1])
    assert client.get(delete).status_code in (302, 403)
    other = reverse("admin:newsroom_sitesettings_change", args=[2])
    assert client.get(other).status_code == 302  # "no such object", to the list

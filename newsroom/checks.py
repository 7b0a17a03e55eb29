"""System checks of the newsroom's own settings (``manage.py check``).

- ``newsroom.E001``: with DEBUG off, the public page cache or the fragment cache
  on a cache that each process keeps for itself. Every worker would keep its own
  content version, so a withdrawal seen by one worker stays public in the others
  until their copies expire (ten minutes by default). Set ``CACHE_URL`` to a
  shared cache (Redis), or turn both caches off.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.caches)
def shared_cache_check(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    caching = [
        name
        for name in ("PUBLIC_PAGE_CACHE", "FRAGMENT_CACHE")
        if getattr(settings, name)
    ]
    if caching and backend in PER_PROCESS:
        return [
            Error(
                f"{'、'.join(caching)} 已开启，但缓存（{backend.rsplit('.', 1)[-1]}）"
                "只在各个进程内有效：撤稿等修改不会立即在所有进程生效。",
                hint="设置 CACHE_URL=redis://…（共享缓存），"
                "或设置 PUBLIC_PAGE_CACHE=0 FRAGMENT_CACHE=0。",
                id="newsroom.E001",
            )
        ]
    return []

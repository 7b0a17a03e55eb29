"""The newsroom's name, review levels and identifiers as the site uses them: what
a site admin set in the admin (``SiteSettings``) over the environment's defaults
(settings.py). The stored row is cached until it is saved again; the defaults are
read from settings on every call, so a changed setting applies at once."""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.forms.models import model_to_dict

from .caching import keys
from .checks import PER_PROCESS
from .models import SiteSettings

# Field → the setting it falls back to when left empty.
DEFAULTS = {
    "name": "SITE_NAME",
    "tagline": "SITE_TAGLINE",
    "review_levels": "REVIEW_LEVELS",
    "sponsor": "SITE_SPONSOR",
    "organizer": "SITE_ORGANIZER",
    "icp_number": "SITE_ICP_NUMBER",
    "police_number": "SITE_POLICE_NUMBER",
    "site_code": "SITE_CODE",
    "government_badge": "SITE_GOVERNMENT_BADGE",
    "address": "SITE_ADDRESS",
    "phone": "SITE_PHONE",
}
STORED = [*DEFAULTS, "government_badge_url", "privacy_statement", "copyright_statement"]
ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode="
NOT_STORED = {}  # the cached marker of "no row yet"
# Without a shared cache: how long a process keeps the row, and its copy.
LOCAL_SECONDS = 1.0
_local = {}


@dataclass(frozen=True)
class Identity:
    name: str
    tagline: str
    review_levels: int
    sponsor: str
    organizer: str
    icp_number: str
    police_number: str
    site_code: str
    government_badge: bool
    government_badge_url: str
    address: str
    phone: str
    privacy_statement: str
    copyright_statement: str

    @property
    def icp_url(self):
        return ICP_URL if self.icp_number else ""

    @property
    def police_record_code(self):
        """The filing number's digits, as the filing site's address takes them."""
        found = re.search(r"[0-9]{6,}", self.police_number)
        return found.group() if found else ""

    @property
    def police_url(self):
        code = self.police_record_code
        return f"{POLICE_URL}{code}" if code else ""

    @property
    def privacy_paragraphs(self):
        return _paragraphs(self.privacy_statement)

    @property
    def copyright_paragraphs(self):
        return _paragraphs(self.copyright_statement)

    def missing(self):
        """The identifiers an inspection requires that are not set (labels)."""
        required = {
            "sponsor": "主办单位",
            "icp_number": "ICP 备案号",
            "police_number": "公安备案号",
            "site_code": "网站标识码",
            "address": "联系地址",
            "phone": "联系电话",
        }
        return [label for field, label in required.items() if not getattr(self, field)]


def _paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def stored():
    """The row's values ({} when there is none), cached until the row is saved.

    In a shared cache (Redis) only. A cache each process keeps for itself (no
    CACHE_URL) would go on serving the old review levels in every worker but the
    one that saved; without a shared cache each process keeps the row for
    ``LOCAL_SECONDS`` at most (one query a second, not one per use: a desk page
    asks for the review levels once per article), and forgets it at once when it
    saves the row itself."""
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS:
        now = time.monotonic()
        if _local.get("until", 0) > now:
            return _local["values"]
        values = _read()
        _local.update(values=values, until=now + LOCAL_SECONDS)
        return values
    values = cache.get(keys.SITE_SETTINGS)
    if values is None:
        values = _read()
        cache.set(keys.SITE_SETTINGS, values, timeout=None)
    return values


def _read():
    row = SiteSettings.objects.filter(pk=1).first()
    return model_to_dict(row, fields=STORED) if row else NOT_STORED


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def _forget_local(**kwargs):
    _local.clear()


def current():
    """The values in force: the stored ones, else the environment's."""
    values = stored()
    merged = {}
    for field in STORED:
        value = values.get(field)
        if value in (None, "") and field in DEFAULTS:
            value = getattr(settings, DEFAULTS[field], "")
        merged[field] = value if value is not None else ""
    merged["review_levels"] = int(merged["review_levels"] or 1)
    merged["government_badge"] = bool(merged["government_badge"])
    return Identity(**merged)


def current_defaults():
    """{field: the environment's value} for the fields that fall back to one."""
    return {field: getattr(settings, name, "") for field, name in DEFAULTS.items()}


def review_levels():
    return current().review_levels


def site_name():
    return current().name

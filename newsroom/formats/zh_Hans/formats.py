"""Django's Chinese formats, but no zero padding anywhere: Django's own
MONTH_DAY_FORMAT ("m月j日") prints 01月5日 in the admin's date drill-down, where
Chinese copy writes 1月5日 (as ``newsroom.templatetags.site.day`` does)."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403 (all of Django's)

MONTH_DAY_FORMAT = "n月j日"  # 1月5日

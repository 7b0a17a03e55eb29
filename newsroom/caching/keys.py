"""Every cache key the project stores, built here and nowhere else.

A key's shape says what it holds and what invalidates it:

- ``public:version`` and ``public:go-live``: when public content last changed
  (any purge), and the time of the next scheduled publication;
- ``public:tag:<tag>``: the current version of one surrogate key (``versions``);
- ``public:page:…``: a whole anonymous page (``middleware``), per display mode,
  host and full path, with the versions of the tags it was built from;
- ``public:fragment:…``: a part of a page, a list item or a list of values, with
  the versions of its tags (``versions.versioned``, ``{% public_cache %}``);
- ``renditions:…``: the resized copies of an image, keyed by the file's name;
- ``search:user-words``: the segmentation dictionary built from leaders' and
  departments' names;
- ``login-failures:…``: failed logins from one address (``security``);
- ``site:settings:…``: the site settings' stored row (``newsroom.identity``).
"""

import hashlib

# Surrogate keys ("tags") of public pages, as pages name them and changes purge
# them (``versions``; the xkey header). Short, because a list page carries a few
# dozen: every page has SITE; a page showing an article's title, date, bylines…
# has ``a<id>``; one showing a leader's name or title ``o<id>``; a list of a
# leader's articles ``ol<id>`` (likewise ``p``/``pl`` departments, ``r``/``rl``
# reporters, ``t``/``tl`` tags); lists of the newest articles (front page, feeds,
# search, the sitemap) NEWEST; lists by date ``y2023``, ``m202311``, ``d20231124``;
# the e-paper of a day ``e20231124``; the side columns LEADERS and DEPARTMENTS; the
# archive's list of months MONTHS.
SITE = "site"
NEWEST = "new"
LEADERS = "leaders"
DEPARTMENTS = "departments"
MONTHS = "months"


def article_tag(pk):
    return f"a{pk}"


def official_tag(pk, listing=False):
    return f"o{'l' if listing else ''}{pk}"


def department_tag(pk, listing=False):
    return f"p{'l' if listing else ''}{pk}"


def reporter_tag(pk, listing=False):
    return f"r{'l' if listing else ''}{pk}"


def label_tag(pk, listing=False):
    """A tag (label) of articles."""
    return f"t{'l' if listing else ''}{pk}"


def date_tags(day):
    """The lists by date a day's article appears in: its year, month and day."""
    return {f"y{day:%Y}", f"m{day:%Y%m}", f"d{day:%Y%m%d}"}


def edition_tag(day):
    return f"e{day:%Y%m%d}"


VERSION = "public:version"
GO_LIVE = "public:go-live"
# A stored page: ({tag: version}, content, [(header, value), …], made, checked).
PAGE_FORMAT = 5
SEARCH_USER_WORDS = "search:user-words"
SITE_SETTINGS = "site:settings:1"


def page(*, display, host, full_path):
    path = hashlib.sha1(full_path.encode()).hexdigest()
    return f"public:page:{PAGE_FORMAT}:{display}:{host}:{path}"


def fragment(name):
    return f"public:fragment:2:{name}"


def tag(name):
    return f"public:tag:{name}"


def login_failures(address):
    """Failed logins from one address, for the per-address throttle."""
    return "login-failures:" + hashlib.sha1(address.encode()).hexdigest()


def renditions(name):
    return "rendition:" + hashlib.sha1(name.encode()).hexdigest()

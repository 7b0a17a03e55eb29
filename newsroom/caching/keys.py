"""Every cache key the project stores, built here and nowhere else.

A key's shape says what it holds and what invalidates it:

- ``public:version`` and ``public:go-live``: the content version every public page
  and fragment is stored under, and the time of the next scheduled publication;
- ``public:page:…``: a whole anonymous page (``middleware``), per display mode,
  host and full path;
- ``public:fragment:<version>:…``: a part of a page or a list of values computed
  once per content version (``versions.versioned``, ``{% public_cache %}``);
- ``public:item:<version>:…``: one article's list item (``article_items`` tag);
- ``renditions:…``: the resized copies of an image, keyed by the file's name;
- ``search:user-words``: the segmentation dictionary built from leaders' and
  departments' names;
- ``login-failures:…``: failed logins from one address (``security``).
"""

import hashlib

VERSION = "public:version"
GO_LIVE = "public:go-live"
PAGE_FORMAT = 3  # of a stored page: (version, content, [(header, value), …])
SEARCH_USER_WORDS = "search:user-words"


def page(*, display, host, full_path):
    path = hashlib.sha1(full_path.encode()).hexdigest()
    return f"public:page:{PAGE_FORMAT}:{display}:{host}:{path}"


def fragment(version, name):
    return f"public:fragment:{version}:{name}"


def list_item(version, article_id, show_summary):
    return f"public:item:{version}:{article_id}:{int(show_summary)}"


def login_failures(address):
    """Failed logins from one address, for the per-address throttle."""
    return "login-failures:" + hashlib.sha1(address.encode()).hexdigest()


def renditions(name):
    return "rendition:" + hashlib.sha1(name.encode()).hexdigest()

"""
Settings for the newsroom CMS: one module, configured by environment variables.

Development defaults are safe: DEBUG is off unless DEBUG=1, and with DEBUG off the
site refuses to serve (wsgi/asgi, runserver) without a real SECRET_KEY and
ALLOWED_HOSTS; management tools still run.
See .env.example for every variable.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# A .env file beside manage.py (or ENV_FILE) is read by manage.py, runserver and
# gunicorn alike, since they all import these settings; variables already in the
# environment win over the file. See .env.example.
environ.Env.read_env(os.environ.get("ENV_FILE") or BASE_DIR / ".env")

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value not in TRUE | FALSE:
        raise ImproperlyConfigured(
            f"环境变量 {name} 应为 1 或 0（true/false），现为 {value!r}。"
        )
    return value in TRUE


def env_int(name, default):
    """An integer setting; a value that is not one stops start-up, naming it."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return int(default)
    try:
        return int(value.strip().replace("_", ""))
    except ValueError:
        raise ImproperlyConfigured(
            f"环境变量 {name} 应为整数，现为 {value!r}。"
        ) from None


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG")

# Tools (manage.py makemigrations, check, the tests) run without a real key or
# hosts; serving does not: newsroom/wsgi.py and asgi.py refuse to start with DEBUG
# off unless both come from the environment (newsroom.serving).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
if not SECRET_KEY:
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The project's own apps, in the order their dependencies run: newsroom ← people ←
# articles (tests/test_layout.py holds it).
PROJECT_APPS = ["newsroom", "people", "articles"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "django_prose_editor",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in the path, query or a form, or a regex lookup in the admin's query
    # string, is refused (400) before anything else runs.
    "newsroom.inputs.RejectHostileInputMiddleware",
    # Cached anonymous pages are answered here, before sessions and the rest.
    "newsroom.caching.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff who must use two-factor login reach the admin only once verified.
    "newsroom.twofactor.TwoFactorMiddleware",
    "newsroom.audit.AuditDenialsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.routers.PublicReadsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.security.NewsroomCSPMiddleware",
    "newsroom.security.LoginThrottleMiddleware",
    # Last, as django-axes requires: it answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute-force protection: five failures for one username from one address lock that
# pair out for 15 minutes; a success resets the count. Another address (the real
# reporter at the office) is not affected.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Two-factor login (newsroom.twofactor): required of editors, chief editors and
# site admins; on by default when DEBUG is off.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "二七区融媒体中心")

# And per address alone, more leniently (an office shares one address): this many
# failures from one address within the window refuse its logins for the window.
LOGIN_PATH = "/admin/login/"
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", "30")
LOGIN_FAILURE_WINDOW = 15 * 60
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_VERBOSE = False

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite is the zero-setup default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}

# Optional read replica for public pages (newsroom/routers.py).
# How long after a change of public content pages are built from the primary
# rather than the replica (longer than the replica's worst lag).
REPLICA_LAG_SECONDS = env_int("REPLICA_LAG_SECONDS", "30")
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=env_int("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
for _database in DATABASES.values():
    # PostgreSQL with the health check skipped for a connection that has just
    # answered (newsroom/postgresql/base.py).
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database["ENGINE"] = "newsroom.postgresql"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite ignores SELECT … FOR UPDATE: writing transactions take the write lock
    # when they begin instead, so two admin saves of one article run one after the
    # other and the stale-save check sees the first one's version.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups (articles/backup.py) keep times to the microsecond.
SERIALIZATION_MODULES = {"exactjson": "newsroom.backup.exactjson"}

# Optional shared cache: CACHE_URL=redis://127.0.0.1:6379/1. Without it each process
# keeps a small local-memory cache.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.caching.redis_backend.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

_VALIDATORS = "django.contrib.auth.password_validation"

# The largest data.json a restore reads (bytes) [1 GiB]; it is read whole.
BACKUP_MAX_DATA_BYTES = env_int("BACKUP_MAX_DATA_BYTES", str(2**30))

# The longest body the article form takes (characters of HTML): a long feature
# is some 30,000; a 4.5 MB paste cost 17 s of CPU per save.
MAX_BODY_CHARACTERS = env_int("MAX_BODY_CHARACTERS", "300000")

# Anonymous public pages are cached until public content changes (newsroom.caching).
# On by default where every process shares the cache (CACHE_URL), or in
# development (one process); turned on without a shared cache and with DEBUG off
# it is a system-check error (newsroom.checks): each worker would keep its own
# content version, and a withdrawal would stay public in the others.
_SHARED_CACHE_DEFAULT = bool(CACHE_URL) or DEBUG
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", default=_SHARED_CACHE_DEFAULT)
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", "600")
# Parts of pages (list items, article bodies, side columns) are kept per content
# version as well; off only to measure how pages fare without them (make bench).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", default=_SHARED_CACHE_DEFAULT)
# Shared caches in front of the app (Varnish) told what to drop after each change
# (newsroom/caching/purge.py): CACHE_PURGE_SERVERS=http://127.0.0.1:6081, or a
# backend of your own (CACHE_PURGE_BACKEND=dotted.path.Class).
CACHE_PURGE_SERVERS = env_list("CACHE_PURGE_SERVERS", "")
CACHE_PURGE_BACKEND = os.environ.get("CACHE_PURGE_BACKEND", "")
CACHE_PURGE_TIMEOUT = env_int("CACHE_PURGE_TIMEOUT", "2")
CACHE_PURGE_RETRIES = env_int("CACHE_PURGE_RETRIES", "2")
# How long a browser, and a shared cache once the page is stale, may keep a page.
PUBLIC_STALE_SECONDS = env_int("PUBLIC_STALE_SECONDS", "30")
PUBLIC_STALE_IF_ERROR_SECONDS = env_int("PUBLIC_STALE_IF_ERROR_SECONDS", "86400")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATORS}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Our Chinese for the admin's half-translated words ("选择 稿件 来修改"), read
# before Django's own, and date formats without zero padding.
LOCALE_PATHS = [BASE_DIR / "newsroom" / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "newsroom" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media go through Django's storage API. MEDIA_STORAGE=s3 uses django-storages
# (pip install "django-storages[s3]"; AWS_* variables, see docs/deployment.md).
_MEDIA_BACKEND = {
    "filesystem": "django.core.files.storage.FileSystemStorage",
    "s3": "storages.backends.s3.S3Storage",
}[os.environ.get("MEDIA_STORAGE", "filesystem")]
STORAGES = {
    "default": {"BACKEND": _MEDIA_BACKEND},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded images larger than this are scaled down and re-encoded until they fit;
# those larger than the hard limit are refused before they are read.
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_HARD_BYTES = env_int("MAX_IMAGE_HARD_BYTES", 30 * 1024 * 1024)
# Images with more pixels than this are refused before they are decoded (well under
# Pillow's own decompression-bomb limit).
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# No uploaded file may be larger than this; the limit is applied while the request
# is read (newsroom/uploads.py), so an oversized file is never held whole.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", MAX_IMAGE_HARD_BYTES)
# The e-paper (数字报): a page's (or a whole edition's) PDF larger than this is
# refused, as is an edition of more pages; pages are rendered this many pixels wide
# (WEBP or JPEG) with a thumbnail for the page strip.
EPAPER_MAX_PDF_BYTES = env_int("EPAPER_MAX_PDF_BYTES", 25 * 1024 * 1024)
EPAPER_MAX_PAGES = env_int("EPAPER_MAX_PAGES", 48)
EPAPER_IMAGE_WIDTH = env_int("EPAPER_IMAGE_WIDTH", 1500)
EPAPER_THUMBNAIL_WIDTH = env_int("EPAPER_THUMBNAIL_WIDTH", 160)
EPAPER_IMAGE_FORMAT = os.environ.get("EPAPER_IMAGE_FORMAT", "WEBP").upper()
FILE_UPLOAD_HANDLERS = [
    "newsroom.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Review levels before publication (1–3; 三审 = 3). With more than one, each level is
# signed by someone other than the author and the signers of the levels below, and
# the last level needs the "终审签发" permission (the chief editor's).
REVIEW_LEVELS = env_int("REVIEW_LEVELS", "1")
if REVIEW_LEVELS not in (1, 2, 3):
    raise ImproperlyConfigured("REVIEW_LEVELS 只能是 1、2 或 3。")

# The name printed in the masthead, the <title> and feeds.
SITE_NAME = os.environ.get("SITE_NAME", "二七区融媒体中心")
SITE_TAGLINE = os.environ.get("SITE_TAGLINE", "二七新闻")
# The identifiers a government website shows in its footer (empty: not shown). A
# site admin sets them, the name and the review levels, in the admin (网站设置);
# these are the defaults for the fields left empty there (newsroom.identity).
SITE_SPONSOR = os.environ.get("SITE_SPONSOR", "")
SITE_ORGANIZER = os.environ.get("SITE_ORGANIZER", "")
SITE_ICP_NUMBER = os.environ.get("SITE_ICP_NUMBER", "")
SITE_POLICE_NUMBER = os.environ.get("SITE_POLICE_NUMBER", "")
SITE_CODE = os.environ.get("SITE_CODE", "")
SITE_GOVERNMENT_BADGE = env_bool("SITE_GOVERNMENT_BADGE")
SITE_ADDRESS = os.environ.get("SITE_ADDRESS", "")
SITE_PHONE = os.environ.get("SITE_PHONE", "")

# The district's names as copy prints them before a leader's title (二七区委书记,
# 郑州市二七区…); the short form (二七) and 该区/本区/我区 are derived, and the
# departments' full names add the city-qualified forms (people.places).
DISTRICT_NAMES = env_list("DISTRICT_NAMES", "二七区")
# A leader printed with a title they did not hold that day: "block" stops approval,
# "caution" asks for an acknowledgement. Protocol order is always a caution.
TITLE_CHECK_SEVERITY = os.environ.get("TITLE_CHECK_SEVERITY", "block")
if TITLE_CHECK_SEVERITY not in ("block", "caution"):
    raise ImproperlyConfigured("TITLE_CHECK_SEVERITY 只能是 block 或 caution。")

TAGGIT_CASE_INSENSITIVE = True

# The self-inspection (迎检自查, ``manage.py inspect_site``): news columns must have
# a public article within this many days (the national indicators: two weeks).
INSPECTION_NEWS_DAYS = env_int("INSPECTION_NEWS_DAYS", "14")
# External links in published bodies are checked (HEAD, then GET) unless this is
# off; a result is kept this many hours before it is checked again.
INSPECTION_EXTERNAL_LINKS = env_bool("INSPECTION_EXTERNAL_LINKS", default=True)
LINK_RECHECK_HOURS = env_int("LINK_RECHECK_HOURS", "24")
LINK_CHECK_TIMEOUT = env_int("LINK_CHECK_TIMEOUT", "5")
LINK_CHECK_WORKERS = env_int("LINK_CHECK_WORKERS", "8")
# At most this many requests to one host at a time, and this many links of one
# host per run (the rest wait for the next run).
LINK_CHECK_PER_HOST = env_int("LINK_CHECK_PER_HOST", "2")
LINK_CHECK_HOST_LIMIT = env_int("LINK_CHECK_HOST_LIMIT", "200")
# Hosts that are this site besides SITE_URL's (links to them are internal).
INSPECTION_OWN_HOSTS = env_list("INSPECTION_OWN_HOSTS")

# HTTPS hardening; on by default whenever DEBUG is off.
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("BEHIND_PROXY")
# How many of our own proxies append to X-Forwarded-For: 1 (nginx), 2 (nginx and
# Varnish) [1].
TRUSTED_PROXIES = max(1, env_int("TRUSTED_PROXIES", "1"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# The policies themselves are in newsroom/security.py (public and admin differ).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {}}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A working day: editors sign in again each morning, a forgotten session dies.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", str(10 * 3600))
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Absolute address of the site, for links in e-mail.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The desk's notifications (待办) are always kept in the admin; e-mail is optional.
NOTIFY_BY_EMAIL = env_bool("NOTIFY_BY_EMAIL", default=True)
# Group-chat robots (企业微信 or 钉钉 webhook addresses, comma-separated) that are
# told of each notification in one line; none by default. A robot that is down
# or slow is logged and skipped after the timeout (seconds), never fails a step.
NOTIFY_WEBHOOK_URLS = env_list("NOTIFY_WEBHOOK_URLS", "")
NOTIFY_WEBHOOK_TIMEOUT = env_int("NOTIFY_WEBHOOK_TIMEOUT", "3")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The security audit trail (newsroom/audit.py): one JSON line per event, to the
    # console and, when AUDIT_LOG_FILE is set, to that file (reopened after
    # logrotate moves it).
    "loggers": {"newsroom.audit": {"level": "INFO", "handlers": []}},
}
if os.environ.get("AUDIT_LOG_FILE"):
    LOGGING["handlers"]["audit_file"] = {
        "class": "logging.handlers.WatchedFileHandler",
        "filename": os.environ["AUDIT_LOG_FILE"],
        "encoding": "utf-8",
    }
    LOGGING["loggers"]["newsroom.audit"]["handlers"].append("audit_file")

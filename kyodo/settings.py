"""Settings for kyodo, read from the environment.

Every value comes from an environment variable through the strict helpers of kyodo/env.py: a
value that cannot be read stops the start with a message naming the variable, instead of running
with a surprising default. Defaults are safe for development only; production sets DEBUG=0 and then
must provide SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from kyodo.clientip import trusted_networks
from kyodo.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    # A development-only key: it is never used with DEBUG off, where SECRET_KEY is required.
    SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-kyodo")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma separated) when DEBUG is off.")
if not DEBUG and "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS='*' is refused when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The city whose register this is: kept in settings, never in code.
KYODO_CITY_NAME = env_str("KYODO_CITY_NAME", "苫小牧市")
KYODO_CITY_CODE = env_str("KYODO_CITY_CODE", "012131")
if not (len(KYODO_CITY_CODE) == 6 and KYODO_CITY_CODE.isdigit()):
    raise ImproperlyConfigured(
        f"KYODO_CITY_CODE={KYODO_CITY_CODE!r} must be the 6-digit 全国地方公共団体コード."
    )
KYODO_PREFECTURE_NAME = env_str("KYODO_PREFECTURE_NAME", "北海道")
if not (len(KYODO_PREFECTURE_NAME) >= 2 and KYODO_PREFECTURE_NAME[-1] in "都道府県"):
    raise ImproperlyConfigured(
        f"KYODO_PREFECTURE_NAME={KYODO_PREFECTURE_NAME!r} must be a prefecture (北海道, 青森県, …)."
    )
# The licence the open data (/opendata/, /api/) is published under, shown beside the downloads.
KYODO_OPENDATA_LICENCE = env_str("KYODO_OPENDATA_LICENCE", "CC BY 4.0").strip()
if not KYODO_OPENDATA_LICENCE:
    raise ImproperlyConfigured("KYODO_OPENDATA_LICENCE must name a licence (e.g. CC BY 4.0).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "import_export",
    "simple_history",
    "kyodo.apps.LoginLockoutConfig",  # django-axes
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "partners",
    "projects",
    "surveys",
    "api",
]

MIDDLEWARE = [
    "kyodo.middleware.UrlLengthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks, so redirects carry the CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kyodo.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Static files straight from the app server (no separate web server needed), compressed and
    # with far-future cache headers for the hashed names collectstatic writes. With DEBUG on,
    # runserver serves them from the apps' folders.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")  # after SecurityMiddleware

ROOT_URLCONF = "kyodo.urls"
WSGI_APPLICATION = "kyodo.wsgi.application"

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
                "kyodo.context_processors.city",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite allows one writer at a time: a write transaction takes the lock when it begins
    # (not halfway through, where it could only fail), and waits up to 30 s for another.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env_int("SQLITE_TIMEOUT", 30)}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the pages run short queries whose row-by-row subqueries (the keyword
    # search, the participants of a page) PostgreSQL's planner costs high, and compiling them
    # took 200-500 ms of a search that runs in 30 ms. An `options` in DATABASE_URL still wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: a login is refused before the password is even checked once the
# username has failed too often from the same address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
# A user name is stopped from one address only: a lockout from one address leaves the same
# user free to log in from another (the coordinator is never locked out by a stranger).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address: REMOTE_ADDR, or behind the city's reverse proxy the address the proxy
# saw, read from X-Forwarded-For only on requests from a trusted proxy (kyodo/clientip.py).
# KYODO_TRUSTED_PROXY_COUNT: how many proxies stand in front (0 = none: REMOTE_ADDR only);
# KYODO_TRUSTED_PROXIES: their addresses or networks, comma separated.
KYODO_TRUSTED_PROXY_COUNT = env_int("KYODO_TRUSTED_PROXY_COUNT", 0)
KYODO_TRUSTED_PROXIES = env_list("KYODO_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
if KYODO_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("KYODO_TRUSTED_PROXY_COUNT must be 0 or more.")
if KYODO_TRUSTED_PROXY_COUNT and not KYODO_TRUSTED_PROXIES:
    raise ImproperlyConfigured(
        "Set KYODO_TRUSTED_PROXIES (the proxies' addresses) when KYODO_TRUSTED_PROXY_COUNT is set."
    )
try:
    trusted_networks(KYODO_TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(f"KYODO_TRUSTED_PROXIES cannot be read: {error}") from None
AXES_CLIENT_IP_CALLABLE = "kyodo.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 12 characters at least (Django's default is 8), besides the other rules.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
# Japanese only: an Accept-Language of another language changes nothing (the API's messages,
# the admin's and the forms' stay Japanese).
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]  # the register's Japanese for django-import-export's pages
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names need collectstatic (make serve runs it); development and the
    # tests serve the source files as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The longest URL (path and query, in bytes) the register reads; a longer one is a Japanese 414
# (kyodo.middleware.UrlLengthMiddleware). gunicorn's limit stands above it (gunicorn_conf.py).
KYODO_MAX_URL_BYTES = env_int("KYODO_MAX_URL_BYTES", 4096)
if not 1024 <= KYODO_MAX_URL_BYTES <= 8000:
    raise ImproperlyConfigured("KYODO_MAX_URL_BYTES must be between 1024 and 8000.")

# Uploaded report files are read in memory; keep a generous but bounded size.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 20 * 1024 * 1024)
# The largest report file the admin's import accepts (a year's report is well under 1 MB).
KYODO_IMPORT_MAX_BYTES = env_int("KYODO_IMPORT_MAX_MB", 20) * 2**20
# The bounds every imported file is read within (projects/reader/bounds.py): a file past one is
# refused at once, naming the bound and where it was passed. A year's report (a few hundred
# rows, cells of a few hundred characters) is far inside each.
KYODO_IMPORT_MAX_ROWS = env_int("KYODO_IMPORT_MAX_ROWS", 20_000)
KYODO_IMPORT_MAX_CELLS_PER_ROW = env_int("KYODO_IMPORT_MAX_CELLS_PER_ROW", 50)
KYODO_IMPORT_MAX_CELL_CHARS = env_int("KYODO_IMPORT_MAX_CELL_CHARS", 20_000)
KYODO_IMPORT_MAX_PARTNERS = env_int("KYODO_IMPORT_MAX_PARTNERS", 300)
KYODO_IMPORT_MAX_SESSIONS = env_int("KYODO_IMPORT_MAX_SESSIONS", 500)
# An XLSX unpacked (all its parts), and the compression ratio of one part (a report's XML packs
# some 5 to 20 times; a ZIP bomb thousands of times).
KYODO_IMPORT_MAX_UNPACKED_BYTES = env_int("KYODO_IMPORT_MAX_UNPACKED_MB", 100) * 2**20
KYODO_IMPORT_MAX_RATIO = env_float("KYODO_IMPORT_MAX_RATIO", 100.0)
for _name in (
    "KYODO_IMPORT_MAX_ROWS",
    "KYODO_IMPORT_MAX_CELLS_PER_ROW",
    "KYODO_IMPORT_MAX_CELL_CHARS",
    "KYODO_IMPORT_MAX_PARTNERS",
    "KYODO_IMPORT_MAX_SESSIONS",
    "KYODO_IMPORT_MAX_UNPACKED_BYTES",
    "KYODO_IMPORT_MAX_RATIO",
):
    if globals()[_name] < 1:  # 0 would refuse every file; a negative one means nothing
        raise ImproperlyConfigured(f"{_name.replace('_BYTES', '_MB')} must be 1 or more.")
# Seconds an import waits for another one to finish before it is refused (PostgreSQL).
KYODO_IMPORT_LOCK_WAIT = env_float("KYODO_IMPORT_LOCK_WAIT", 60.0)

# Imports are all or nothing, and the admin shows every row's fate before it is confirmed.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# E-mail (the yearly survey's reminders): SMTP from EMAIL_URL (smtp://user:password@host:587
# or submission://… for STARTTLS on 587) or from EMAIL_HOST and the other EMAIL_* variables;
# with neither, mails are printed on the console, which is what development wants.
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
if EMAIL_URL:
    try:
        _email = dj_email_url.parse(EMAIL_URL)
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL cannot be read: {error}") from None
    if "EMAIL_BACKEND" not in _email:
        raise ImproperlyConfigured(
            "EMAIL_URL must start with smtp://, submission://, console: or dummy:."
        )
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
    EMAIL_PORT = _email["EMAIL_PORT"] or 25
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
elif "EMAIL_HOST" in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kyodo@localhost")
if "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(f"DEFAULT_FROM_EMAIL={DEFAULT_FROM_EMAIL!r} is not an address.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the register is served, for links in mails sent by commands (remind_survey); a mail
# sent from the admin uses the address the coordinator's browser used.
KYODO_SITE_URL = env_str("KYODO_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if KYODO_SITE_URL and not KYODO_SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"KYODO_SITE_URL={KYODO_SITE_URL!r} must start with https://.")

# Security: the production settings (DEBUG off) pass `check --deploy`.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # KYODO_HTTPS=0 only for serving on the loopback without TLS (make serve on one's own
    # machine): secure cookies would never be sent back over plain http.
    HTTPS = env_bool("KYODO_HTTPS", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
    SESSION_COOKIE_SECURE = HTTPS
    CSRF_COOKIE_SECURE = HTTPS
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content security policy (django-csp): scripts and styles from this site only, no inline
# script. Inline style attributes stay allowed: the admin and the SVG charts use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The open data and the API are for any site to read: CORS open on those paths only, never on
# the admin. Nothing there needs cookies, so none are allowed across sites.
CORS_URLS_REGEX = r"^/(api|opendata)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

# The read-only API (api/): published projects only, no login, JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ProjectPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Every error as JSON in Japanese: {"detail": …}, or a 400's {parameter: [reasons]}.
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{KYODO_CITY_NAME} 協働事業の登録簿 API",
    "DESCRIPTION": "公開している協働事業を読み出すためのAPIです（読み取り専用、ログイン不要）。"
    f"ライセンス：{KYODO_OPENDATA_LICENCE}",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

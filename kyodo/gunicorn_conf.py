"""gunicorn for `make serve`: every value can be set from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two cores on the city's server: two sync workers with a few threads each keep a slow export
# from holding up the pages.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Request limits: gunicorn's own refusals are English pages ("414 URI Too Long"), so its limits
# stand above Django's: a URL over KYODO_MAX_URL_BYTES (4,096 bytes, kyodo.middleware) gets
# the register's Japanese 414 page from Django, long before gunicorn's own limit (8,190 bytes,
# the most it allows short of no limit at all, which would let one line fill the memory).
# Headers: up to 16 KiB each (gunicorn's default 8,190), 200 of them (default 100).
limit_request_line = 8190
limit_request_field_size = 16 * 1024
limit_request_fields = 200

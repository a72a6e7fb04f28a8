"""Configuration from environment variables; secrets only from the environment.

`MARKETPLACE_ENV` chooses the profile: development (default), test or production.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_PATH = Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance"))


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str = "") -> list[str]:
    return [part.strip().lower() for part in os.environ.get(name, default).split(",") if part.strip()]


def _development_secret_key() -> str:
    """Development keeps a generated key in instance/ so sessions survive restarts."""
    INSTANCE_PATH.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_PATH / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    ENV_NAME = "base"
    COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Camden Council")
    SERVICE_NAME = os.environ.get("SERVICE_NAME", "Supplier Marketplace")
    FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "procurement@camden.gov.uk")
    # The public address, for links in emails written by scheduled commands (no request to copy it from).
    SERVICE_URL = os.environ.get("SERVICE_URL", "http://127.0.0.1:5000")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'marketplace.sqlite3'}")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # Buyer email domains added to the allow list the first time the database is seeded.
    BUYER_EMAIL_DOMAINS_SEED = _list("BUYER_EMAIL_DOMAINS", "camden.gov.uk")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 8
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session: long forms must not expire mid-way

    MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_MB", "10")) * 1024 * 1024
    # The whole request may be a little larger than one file, so the file's own check speaks first.
    MAX_CONTENT_LENGTH = MAX_UPLOAD_BYTES + 512 * 1024
    EMAIL_TOKEN_MAX_AGE = 60 * 60 * 24
    PASSWORD_RESET_MAX_AGE = 60 * 60 * 2
    SIGN_IN_MAX_FAILURES = 5
    SIGN_IN_LOCK_MINUTES = 15
    # How long each process keeps the public market insight figures before counting them again.
    INSIGHT_PUBLIC_CACHE_SECONDS = int(os.environ.get("INSIGHT_PUBLIC_CACHE_SECONDS", "300"))
    # How long each process keeps an admin's insight figures (per month, range and filters) before counting again.
    INSIGHT_ADMIN_CACHE_SECONDS = int(os.environ.get("INSIGHT_ADMIN_CACHE_SECONDS", "60"))
    # How many of the insight figures' statements one page's request runs at once, each on its own database
    # connection (insight/parallel.py; 1: one after another). Each process shares one pool of this many less
    # one threads, so it takes at most that many connections beyond its request threads' own.
    INSIGHT_PARALLEL_QUERIES = int(os.environ.get("INSIGHT_PARALLEL_QUERIES", "3"))

    # Host names the service answers to (Flask refuses others); production defaults to SERVICE_URL's host.
    TRUSTED_HOSTS: list[str] | None = _list("TRUSTED_HOSTS") or None
    # How many reverse proxies stand in front of the app: their X-Forwarded-For/-Proto are believed (ProxyFix).
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    # Counters shared by every worker and node (Redis) in production; memory only in development and tests.
    RATELIMIT_STORAGE_URI = (
        os.environ.get("RATELIMIT_STORAGE_URI")
        or os.environ.get("RATELIMIT_STORAGE_URL")
        or os.environ.get("REDIS_URL")
        or "memory://"
    )
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_SIGN_IN = os.environ.get("RATELIMIT_SIGN_IN", "20 per minute")
    RATELIMIT_REGISTER = os.environ.get("RATELIMIT_REGISTER", "10 per minute")
    RATELIMIT_PASSWORD_RESET = os.environ.get("RATELIMIT_PASSWORD_RESET", "5 per minute")

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_FROM = os.environ.get("MAIL_FROM", "marketplace@camden.gov.uk")
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", "10"))
    # Failed emails are retried with growing waits, then given up this long after they were written.
    MAIL_GIVE_UP_AFTER_HOURS = float(os.environ.get("MAIL_GIVE_UP_AFTER_HOURS", "24"))
    DEV_MAIL_PAGE = False

    STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
    STORAGE_LOCAL_PATH = os.environ.get("STORAGE_LOCAL_PATH", str(INSTANCE_PATH / "uploads"))
    S3_BUCKET = os.environ.get("S3_BUCKET", "")
    S3_REGION = os.environ.get("S3_REGION", "eu-west-2")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
    S3_SERVER_SIDE_ENCRYPTION = os.environ.get("S3_SERVER_SIDE_ENCRYPTION") or None

    # The worker's queue: SQLite in instance/ by default (one node); Redis when several nodes share the work.
    WORKER_REDIS_URL = os.environ.get("WORKER_REDIS_URL", "")
    WORKER_QUEUE_NAME = os.environ.get("WORKER_QUEUE_NAME", "marketplace")
    WORKER_STORE = "sqlite"

    SEARCH_INDEX_PATH = os.environ.get("SEARCH_INDEX_PATH", str(INSTANCE_PATH / "search-index"))
    # Index changes are applied by a background thread in each process (search/applier.py), so
    # edits never wait for the index; tests apply them in the request instead (deterministic).
    SEARCH_APPLIER = _bool("SEARCH_APPLIER", True)
    SEARCH_APPLY_INTERVAL = float(os.environ.get("SEARCH_APPLY_INTERVAL", "0.25"))
    SEARCH_HEAL_WAIT = 2.0  # seconds a search waits for a broken index to be rebuilt before saying so
    # Decoded posting lists kept per process (search/segments.py PostingsCache), in MB: at 100,000 profiles
    # the load benchmark's searches need ~60 MB (tests/benchmarks/README.md, worker memory).
    SEARCH_CACHE_MB = int(os.environ.get("SEARCH_CACHE_MB", "64"))

    @property
    def SECRET_KEY(self) -> str:
        key = os.environ.get("SECRET_KEY")
        if not key:
            raise RuntimeError("SECRET_KEY must be set outside development")
        return key


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    DEV_MAIL_PAGE = True

    @property
    def SECRET_KEY(self) -> str:
        return os.environ.get("SECRET_KEY") or _development_secret_key()


class TestConfig(DevelopmentConfig):
    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    RATELIMIT_ENABLED = False
    WORKER_STORE = "memory"  # tests run the queued tasks themselves (marketplace.worker.drain)
    WORKER_REDIS_URL = ""
    SEARCH_APPLIER = False
    SERVER_NAME = None
    PREFERRED_URL_SCHEME = "http"
    DEMO_HISTORY_MONTHS = 3  # insight's demo history, shortened: the crawl tests visit every page it makes
    INSIGHT_PUBLIC_CACHE_SECONDS = 0
    INSIGHT_ADMIN_CACHE_SECONDS = 0


class ProductionConfig(Config):
    ENV_NAME = "production"


def check_production(config) -> None:
    """Settings production cannot run safely without (called by the app factory outside debug and tests)."""
    if not config.get("TRUSTED_HOSTS"):
        # Only the public address: a request naming another host is refused before any view runs.
        host = urlsplit(config["SERVICE_URL"]).hostname
        config["TRUSTED_HOSTS"] = [host] if host else None
    if config.get("RATELIMIT_ENABLED") and str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://"):
        raise RuntimeError(
            "Set REDIS_URL (or RATELIMIT_STORAGE_URI) in production: rate limits kept in each worker's memory "
            "multiply by the number of workers"
        )


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def load_config(name: str | None) -> Config:
    name = name or os.environ.get("MARKETPLACE_ENV", "development")
    try:
        return CONFIGS[name]()
    except KeyError:
        raise RuntimeError(f"MARKETPLACE_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
